import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffSide } from '../../shared/contract/diff.js';
import { createTempDatabase, pgServers, type TempDatabase } from '../../test/pg.js';
import { createStudioContext, type StudioContext } from '../app/context.js';
import { dispatch } from '../app/dispatch.js';
import { handlers } from '../app/handlers.js';
import { fakeEnvironment } from '../connections/test-environment.js';
import { readModel, runScript } from '../ddl/testing/run.js';
import { snapshotText } from './sources/snapshot.js';

/** The diff calls' own errors, through the studio contract: each names its problem with a GH10xx code. */
describe.each(pgServers())('diff handlers: errors ($label)', (server) => {
  let db: TempDatabase;
  let context: StudioContext;
  let connectionId = '';
  const dir = mkdtempSync(join(tmpdir(), 'gh-diff-handlers-'));
  const snapshot = join(dir, 'db.snapshot.json');

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_diff_h');
    await runScript(db.uri, 'CREATE SCHEMA app; CREATE TABLE app.t (id integer PRIMARY KEY);');
    writeFileSync(snapshot, snapshotText(await readModel(db.uri)));
    context = createStudioContext({
      mode: 'cli',
      version: '0.0.0-test',
      dataDir: '/nonexistent/gh',
      manager: { environment: fakeEnvironment() },
    });
    const opened = await dispatch(handlers, context, 'connections.open', { params: { uri: db.uri } });
    connectionId = opened.ok ? (opened.value as { id: string }).id : '';
  });

  afterAll(async () => {
    await context?.connections.closeAll();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const compared = async (from: DiffSide, to: DiffSide): Promise<string> => {
    const r = await dispatch(handlers, context, 'diff.compare', { from, to, options: {} });
    if (!r.ok) throw new Error(r.error.message);
    const id = (r.value as { comparisonId: string }).comparisonId;
    for (let i = 0; i < 200; i++) {
      const p = await dispatch(handlers, context, 'diff.progress', { comparisonId: id });
      if (p.ok && (p.value as { state: string }).state !== 'running') return id;
      await new Promise((res) => setTimeout(res, 25));
    }
    throw new Error('the comparison did not finish');
  };
  const codeOf = async (call: 'diff.plan' | 'diff.apply', comparisonId: string) => {
    const r = await dispatch(handlers, context, call, { comparisonId, options: {} });
    return r.ok ? null : r.error.code;
  };

  it('an unknown comparison is GH1011', async () => {
    await expect(codeOf('diff.plan', 'no-such-comparison')).resolves.toBe('GH1011');
    await expect(codeOf('diff.apply', 'no-such-comparison')).resolves.toBe('GH1011');
  });

  it('applying equal sides is GH1014: nothing to apply', async () => {
    const id = await compared({ kind: 'connection', connectionId }, { kind: 'snapshot', path: snapshot });
    await expect(codeOf('diff.apply', id)).resolves.toBe('GH1014');
  });

  it('applying a migration whose source is not a connection is GH1013', async () => {
    const id = await compared({ kind: 'snapshot', path: snapshot }, { kind: 'connection', connectionId });
    await expect(codeOf('diff.apply', id)).resolves.toBe('GH1013');
  });
});
