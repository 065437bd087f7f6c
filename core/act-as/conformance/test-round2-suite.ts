/**
 * Round-2 conformance cases (cases/round2.json, on top of the corpus fixture plus cases/round2.sql), on every
 * server directly and on the newest through `gatehouse serve` too, answered as each PostgREST major the case's
 * since/until admits: unversioned cases as the default major, versioned ones at every major in their range.
 *
 * Declared by the corpus suite (test-corpus-suite.ts) after the corpus itself: the fixture creates cluster-wide
 * roles, so two files loading it on one server at the same time would break each other; in one file the loads run
 * one after another.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNewestServer, type TestServer } from '../../../test/pg.js';
import { conformanceDir } from '../../../test/conformance-dir.js';
import { packageRoot } from '../../db/sql-files.js';
import { defaultStages } from '../default-stages.js';
import { DEFAULT_POSTGREST_VERSION, POSTGREST_VERSIONS, inVersionRange } from '../versions.js';
import { TargetsByConfig, caseConfig } from './case-config.js';
import { parseCases, type ConformanceCase } from './cases.js';
import { FixtureDatabases } from './databases.js';
import { knownDeviations } from './known-deviations.js';
import { runCase } from './runner.js';
import { serveTarget } from './serve-target.js';
import { simulatorTarget } from './target.js';

const dir = conformanceDir;
const here = resolve(packageRoot(), 'core/act-as/conformance/cases');
const cases = parseCases(readFileSync(resolve(here, 'round2.json'), 'utf8'), 'round2.json');
const only = process.env.GATEHOUSE_CONFORMANCE_FILTER;
const selected = only ? cases.filter((c) => c.id.startsWith(only)) : cases;
const versioned = (c: ConformanceCase): boolean => c.since !== undefined || c.until !== undefined;
const runs = POSTGREST_VERSIONS.flatMap((version) =>
  selected
    .filter((c) => inVersionRange(version, c) && (versioned(c) || version === DEFAULT_POSTGREST_VERSION))
    .map((c) => ({ ...c, version, label: `v${version} ${c.id}` })),
);

export function describeRound2Cases(servers: readonly TestServer[]): void {
  describe.each(servers)('round-2 conformance cases on $label', (server) => {
    const baseText = readFileSync(resolve(dir, 'postgrest.conf'), 'utf8');
    let dbs: FixtureDatabases;
    const direct = new Map<number, TargetsByConfig<ReturnType<typeof simulatorTarget>>>();
    const http = new Map<number, TargetsByConfig<ReturnType<typeof serveTarget>>>();
    const databaseUri = (d: string): string => dbs.uri(d);

    beforeAll(async () => {
      const fixture = readFileSync(resolve(dir, 'fixture.sql'), 'utf8');
      const round2 = readFileSync(resolve(here, 'round2.sql'), 'utf8');
      dbs = await FixtureDatabases.onServer(server.superuserUri, `${fixture}\n${round2}`, 'round2 fixture');
      for (const v of POSTGREST_VERSIONS) {
        direct.set(
          v,
          new TargetsByConfig(baseText, v, (config) =>
            simulatorTarget({ config, databaseUri, stages: defaultStages }),
          ),
        );
        if (isNewestServer(server))
          http.set(v, new TargetsByConfig(baseText, v, (config) => serveTarget({ config, databaseUri })));
      }
    });

    afterAll(async () => {
      for (const t of [...direct.values(), ...http.values()]) await t.close();
      await dbs?.close();
    });

    const secret = (c: (typeof runs)[number]): string => caseConfig(baseText, c, c.version).jwtSecret ?? '';

    it.each(runs)('$label', async (c) => {
      const r = await runCase(c, direct.get(c.version)!.for(c), dbs, {
        jwtSecret: secret(c),
        knownDeviations,
      });
      expect(r.outcome, r.differences.join('\n')).toBe('pass');
    });

    // Over HTTP on the newest server only, as the corpus: the transport is the same whatever the major, and the
    // simulator's version-dependent answers are checked directly on every one (this halves the suite's time).
    if (isNewestServer(server))
      it.each(runs)('via serve: $label', async (c) => {
        const r = await runCase(c, http.get(c.version)!.for(c), dbs, {
          jwtSecret: secret(c),
          knownDeviations,
        });
        expect(r.outcome, r.differences.join('\n')).toBe('pass');
      });
  });
}
