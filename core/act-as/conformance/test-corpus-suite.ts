/**
 * THE test of the act-as simulator, shared by corpus.pg.test.ts and corpus-b.pg.test.ts: every case of the
 * PostgREST conformance corpus on every test server (PostgreSQL 14 to 18), one vitest test per case so failures
 * are listed by id; again over HTTP through `gatehouse serve` on the newest server; then the round-2 cases. The
 * corpus is the repository's copy (test/postgrest-cases), or the folder GATEHOUSE_CONFORMANCE_DIR names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNewestServer, pgServers, type TestServer } from '../../../test/pg.js';
import { conformanceDir } from '../../../test/conformance-dir.js';
import { loadPostgrestConfig } from '../config/index.js';
import { defaultStages } from '../default-stages.js';
import { inVersionRange } from '../versions.js';
import { parseCases } from './cases.js';
import { FixtureDatabases } from './databases.js';
import { knownDeviations } from './known-deviations.js';
import { describeRound2Cases } from './test-round2-suite.js';
import { runCase } from './runner.js';
import { serveTarget } from './serve-target.js';
import { simulatorTarget } from './target.js';

const dir = conformanceDir;
// A missing corpus is a failure, never a silent skip: CI clones the project with shared/ beside it.
if (!existsSync(resolve(dir, 'cases.json'))) {
  throw new Error(`conformance corpus not found in ${dir}: set GATEHOUSE_CONFORMANCE_DIR to its folder.`);
}
const cases = parseCases(readFileSync(resolve(dir, 'cases.json'), 'utf8'), 'cases.json');
const only = process.env.GATEHOUSE_CONFORMANCE_FILTER;
const selected = only ? cases.filter((c) => c.id.startsWith(only)) : cases;

function started<T>(target: T | undefined): T {
  if (target === undefined) throw new Error('the serve target did not start (see beforeAll)');
  return target;
}

/**
 * The corpus and then the round-2 cases on each of `servers`. One server's fixture loads must never overlap (the
 * fixture creates cluster-wide roles), so a server belongs to exactly one test file (see corpusServers).
 */
export function describeCorpus(servers: readonly TestServer[]): void {
  describe.each(servers)('PostgREST conformance corpus on $label', (server) => {
    // The HTTP path adds the transport (status lines, raw headers, bodies) to the same simulator, whose cases run
    // directly on every major: once, on the newest server, is enough (and saves four fifths of its time).
    const viaServe = isNewestServer(server);
    const config = loadPostgrestConfig({ file: resolve(dir, 'postgrest.conf'), env: {} });
    let dbs: FixtureDatabases;
    let target: ReturnType<typeof simulatorTarget>;
    let http: ReturnType<typeof serveTarget> | undefined;
    // PostgREST 12, on the newest server: the corpus's cases recorded as holding for 12.2 (no `since`, or one
    // below 13: test/postgrest-cases/README.md), answered by `serve --postgrest-version 12` and directly.
    const config12 = loadPostgrestConfig({
      file: resolve(dir, 'postgrest.conf'),
      env: {},
      postgrestVersion: 12,
    });
    let target12: ReturnType<typeof simulatorTarget> | undefined;
    let http12: ReturnType<typeof serveTarget> | undefined;

    beforeAll(async () => {
      dbs = await FixtureDatabases.onServer(
        server.superuserUri,
        readFileSync(resolve(dir, 'fixture.sql'), 'utf8'),
      );
      target = simulatorTarget({ config: config, databaseUri: (d) => dbs.uri(d), stages: defaultStages });
      if (viaServe) http = serveTarget({ config: config, databaseUri: (d) => dbs.uri(d) });
      if (viaServe) {
        target12 = simulatorTarget({
          config: config12,
          databaseUri: (d) => dbs.uri(d),
          stages: defaultStages,
        });
        http12 = serveTarget({ config: config12, databaseUri: (d) => dbs.uri(d) });
      }
    });

    afterAll(async () => {
      await target?.close();
      await http?.close();
      await target12?.close();
      await http12?.close();
      await dbs?.close();
    });

    it.each(selected)('$id', async (c) => {
      const r = await runCase(c, target, dbs, { jwtSecret: config.jwtSecret ?? '', knownDeviations });
      expect(r.outcome, r.differences.join('\n')).not.toBe('fail');
    });

    // The same cases over HTTP through `gatehouse serve`: raw headers, status lines and bodies end to end.
    if (viaServe)
      it.each(selected)('via serve: $id', async (c) => {
        const r = await runCase(c, started(http), dbs, {
          jwtSecret: config.jwtSecret ?? '',
          knownDeviations,
        });
        expect(r.outcome, r.differences.join('\n')).not.toBe('fail');
      });

    if (viaServe) {
      const holds12 = selected.filter((c) => inVersionRange(12, c));
      it.each(holds12)('as PostgREST 12: $id', async (c) => {
        const r = await runCase(c, started(target12), dbs, {
          jwtSecret: config12.jwtSecret ?? '',
          knownDeviations,
        });
        expect(r.outcome, r.differences.join('\n')).not.toBe('fail');
      });
      it.each(holds12)('as PostgREST 12 via serve: $id', async (c) => {
        const r = await runCase(c, started(http12), dbs, {
          jwtSecret: config12.jwtSecret ?? '',
          knownDeviations,
        });
        expect(r.outcome, r.differences.join('\n')).not.toBe('fail');
      });
    }
  });

  // Round-2 cases (cases/round2.json) after the corpus, in the same file: their fixture loads never overlap.
  describeRound2Cases(servers);
}

/**
 * The two halves of the run's servers, one per corpus test file, so that the two vitest workers share the corpus
 * (its longest file by far): the newest server (which also runs the corpus over HTTP) with the oldest, and the rest.
 */
export function corpusServers(half: 0 | 1): TestServer[] {
  const servers = [...pgServers()].sort((a, b) => a.major - b.major);
  const newest = servers[servers.length - 1];
  const first = servers.length <= 1 ? servers : servers.length === 2 ? [newest!] : [servers[0]!, newest!];
  return half === 0 ? first : servers.filter((s) => !first.includes(s));
}
