import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDatabase, pgServers, superuserQuery, type TempDatabase } from '../../test/pg.js';
import type { CallName } from '../../shared/contract/index.js';
import type { StatementResult, WorkbenchTransaction } from '../../shared/contract/workbench.js';
import { createStudioContext, type StudioContext } from '../app/context.js';
import { dispatch } from '../app/dispatch.js';
import { handlers } from '../app/handlers.js';
import { fakeEnvironment } from '../connections/test-environment.js';
import { SESSION_IDLE_MS, workbenchSessions } from './sessions.js';

interface RunOut {
  statements: StatementResult[];
  transaction: WorkbenchTransaction;
}

describe.each(pgServers())('workbench transactions ($label)', (server) => {
  let db: TempDatabase;
  let context: StudioContext;
  let dataDir: string;
  let connectionId: string;
  const schemaChanges: string[] = [];
  const url = new URL(server.superuserUri);

  const call = async <T = Record<string, unknown>>(name: CallName, input: unknown): Promise<T> => {
    const r = await dispatch(handlers, context, name, input);
    if (!r.ok) throw Object.assign(new Error(`${r.error.code} ${r.error.message}`), { code: r.error.code });
    return r.value as T;
  };
  const run = (sessionId: string, text: string, extra: Record<string, unknown> = {}) =>
    call<RunOut>('workbench.run', { connectionId, sessionId, text, mode: 'script', ...extra });
  /** What another session sees (committed data only). */
  const outside = async (sql: string) => (await superuserQuery(server, sql, db.name)).rows;

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_workbench');
    await superuserQuery(server, `CREATE TABLE public.notes (id int PRIMARY KEY, body text)`, db.name);
    dataDir = mkdtempSync(join(tmpdir(), 'gh-workbench-'));
    context = createStudioContext({
      mode: 'cli',
      version: 't',
      dataDir,
      manager: { environment: fakeEnvironment() },
    });
    context.subscribeSchemaChanged((id) => schemaChanges.push(id));
    const opened = await call<{ id: string }>('connections.open', {
      params: {
        host: url.hostname,
        port: Number(url.port),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: db.name,
        sslmode: 'disable',
      },
    });
    connectionId = opened.id;
  });
  afterAll(async () => {
    await workbenchSessions.closeAll();
    await context?.connections.closeAll();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a read-only script, one result set per statement, and commits it without asking', async () => {
    const r = await run(
      'ro',
      "select 1 as one;\nselect 'a;b' as text, null::int as nothing; show search_path",
    );
    expect(r.statements.map((s) => [s.command, s.rows])).toEqual([
      ['SELECT', [['1']]],
      ['SELECT', [['a;b', null]]],
      ['SHOW', [['"$user", public']]],
    ]);
    expect(r.statements[1]!.columns).toEqual([
      { name: 'text', type: 'text' },
      { name: 'nothing', type: 'integer' },
    ]);
    expect(r.transaction.state).toBe('committed');
    expect(r.transaction.message).toMatch(/nothing to commit/i);
  });

  it('runs only the statement under the cursor, or the selection', async () => {
    const text = 'select 1;\nselect 2;\nselect 3;';
    const atCursor = await run('ro', text, { mode: 'cursor', cursor: text.indexOf('2') });
    expect(atCursor.statements.map((s) => s.rows)).toEqual([[['2']]]);
    const selected = await run('ro', text, {
      mode: 'selection',
      selection: [text.indexOf('select 2'), text.length],
    });
    expect(selected.statements.map((s) => s.rows[0]![0])).toEqual(['2', '3']);
    expect(text.slice(selected.statements[1]!.offset, selected.statements[1]!.offset + 8)).toBe('select 3');
  });

  it('keeps a data change open until Commit: others see nothing before, everything after', async () => {
    const r = await run(
      'w1',
      "insert into notes values (1, 'one'), (2, 'two'); update notes set body = 'uno' where id = 1",
    );
    expect(r.transaction).toMatchObject({
      state: 'open',
      changes: ['INSERT 2', 'UPDATE 1'],
      schemaChanged: false,
    });
    expect(r.transaction.message).toMatch(/Commit/);
    expect(await outside('select * from notes')).toEqual([]);
    expect(await call('workbench.status', { connectionId, sessionId: 'w1' })).toMatchObject({
      transaction: { state: 'open' },
    });
    // the same tab keeps working inside its transaction
    const more = await run('w1', 'select body from notes order by id');
    expect(more.statements[0]!.rows).toEqual([['uno'], ['two']]);
    expect(more.transaction.state).toBe('open');
    const done = await call<{ transaction: WorkbenchTransaction }>('workbench.commit', {
      connectionId,
      sessionId: 'w1',
    });
    expect(done.transaction).toMatchObject({ state: 'committed', changes: ['INSERT 2', 'UPDATE 1'] });
    expect(await outside('select id, body from notes order by id')).toEqual([
      { id: 1, body: 'uno' },
      { id: 2, body: 'two' },
    ]);
  });

  it('rolls back on Rollback: nothing persisted', async () => {
    const r = await run('w2', 'delete from notes');
    expect(r.transaction).toMatchObject({ state: 'open', changes: ['DELETE 2'] });
    const done = await call<{ transaction: WorkbenchTransaction }>('workbench.rollback', {
      connectionId,
      sessionId: 'w2',
    });
    expect(done.transaction.state).toBe('rolled_back');
    expect(await outside('select count(*)::int as n from notes')).toEqual([{ n: 2 }]);
  });

  it('an error stops the script, marks PostgreSQL’s position, and undoes the run', async () => {
    const text = "insert into notes values (3, 'three');\nselect nosuchcolumn from notes;\nselect 1";
    const r = await run('w3', text);
    expect(r.statements.map((s) => s.command)).toEqual(['INSERT', null, null]);
    const error = r.statements[1]!.error!;
    expect(error).toMatchObject({ code: '42703' });
    expect(text.slice(error.offset!, error.offset! + 'nosuchcolumn'.length)).toBe('nosuchcolumn');
    expect(r.transaction.state).toBe('rolled_back');
    expect(await outside('select count(*)::int as n from notes where id = 3')).toEqual([{ n: 0 }]);
  });

  it('a failing run inside an open transaction keeps the earlier open work (savepoint)', async () => {
    await run('w4', "insert into notes values (4, 'four')");
    const bad = await run('w4', "insert into notes values (5, 'five'); insert into notes values (4, 'dup')");
    expect(bad.statements[1]!.error!.code).toBe('23505');
    expect(bad.transaction).toMatchObject({ state: 'open', changes: ['INSERT 1'] });
    await call('workbench.commit', { connectionId, sessionId: 'w4' });
    expect(await outside('select id from notes where id in (4, 5) order by id')).toEqual([{ id: 4 }]);
  });

  it('refuses BEGIN/COMMIT in the script and runs nothing', async () => {
    const r = await run('w5', "insert into notes values (6, 'six'); commit");
    expect(r.statements[1]!.error!.message).toMatch(/COMMIT is not run from the script/);
    expect(r.statements[0]!.command).toBeNull();
    expect(await outside('select count(*)::int as n from notes where id = 6')).toEqual([{ n: 0 }]);
  });

  it('says that a lost connection rolled back the open transaction, and nothing was persisted', async () => {
    const r = await run('lost', "insert into notes values (7, 'seven')");
    expect(r.transaction.state).toBe('open');
    const pid = workbenchSessions.get(connectionId, 'lost')!.pid;
    await superuserQuery(server, `select pg_terminate_backend(${pid})`);
    // the socket closes asynchronously; the commit must not "succeed" on a new session
    await new Promise((res) => setTimeout(res, 200));
    await expect(call('workbench.commit', { connectionId, sessionId: 'lost' })).rejects.toMatchObject({
      code: 'GH700',
      message: expect.stringMatching(/rolled the transaction back.*INSERT 1/),
    });
    expect(await outside('select count(*)::int as n from notes where id = 7')).toEqual([{ n: 0 }]);
    // the tab works again on a fresh session
    expect((await run('lost', 'select 1')).transaction.state).toBe('committed');
  });

  it('says rolled back when the connection dies in the middle of a run', async () => {
    const pending = run('mid', "insert into notes values (8, 'eight'); select pg_sleep(20)");
    await waitFor(
      async () =>
        (
          await outside(
            `select 1 from pg_stat_activity where query like '%pg_sleep(20)%' and pid <> pg_backend_pid()`,
          )
        ).length > 0,
    );
    const pid = workbenchSessions.get(connectionId, 'mid')!.pid;
    await superuserQuery(server, `select pg_terminate_backend(${pid})`);
    const r = await pending;
    expect(r.transaction.state).toBe('lost');
    expect(r.transaction.message).toMatch(/rolled the transaction back/);
    expect(r.statements[1]!.error!.hint).toMatch(/nothing of it was saved/);
    expect(await outside('select count(*)::int as n from notes where id = 8')).toEqual([{ n: 0 }]);
  });

  it('cancels the running statement of that tab only', async () => {
    const pending = run('slow', 'select pg_sleep(30)');
    await waitFor(
      async () =>
        (await call<{ running: boolean }>('workbench.status', { connectionId, sessionId: 'slow' })).running &&
        (await outside(`select 1 from pg_stat_activity where query = 'select pg_sleep(30)'`)).length > 0,
    );
    expect(await call('workbench.cancel', { connectionId, sessionId: 'slow' })).toEqual({ cancelled: true });
    const r = await pending;
    expect(r.statements[0]!.error!.code).toBe('57014');
    expect(r.transaction.state).toBe('rolled_back');
    expect(await call('workbench.cancel', { connectionId, sessionId: 'slow' })).toEqual({ cancelled: false });
  });

  it('reports NOTICEs per statement', async () => {
    const r = await run(
      'n',
      "do $$ begin raise notice 'hello %', 42; raise warning 'careful'; end $$; select 1",
    );
    expect(r.statements[0]!.notices).toEqual([
      { severity: 'NOTICE', message: 'hello 42' },
      { severity: 'WARNING', message: 'careful' },
    ]);
    expect(r.statements[1]!.notices).toEqual([]);
    // the DO block wrote nothing: committed, with nothing to list
    expect(r.transaction).toMatchObject({ state: 'committed', changes: [] });
  });

  it('DDL waits for Commit, then tells the studio the schema changed', async () => {
    schemaChanges.length = 0;
    const r = await run(
      'ddl',
      'create table public.made_here (id int primary key); comment on table public.made_here is $$x;y$$',
    );
    expect(r.transaction).toMatchObject({ state: 'open', schemaChanged: true });
    expect(r.transaction.changes[0]).toMatch(/^create table public.made_here/);
    expect(schemaChanges).toEqual([]);
    await call('workbench.commit', { connectionId, sessionId: 'ddl' });
    expect(schemaChanges).toEqual([connectionId]);
    expect(await outside(`select to_regclass('public.made_here')::text as t`)).toEqual([{ t: 'made_here' }]);
  });

  it('runs VACUUM on its own, outside a transaction', async () => {
    const r = await run('vac', 'vacuum public.notes');
    expect(r.statements[0]!.error).toBeNull();
    expect(r.transaction.state).toBe('committed');
  });

  it('EXPLAIN and EXPLAIN ANALYZE return the JSON plan; ANALYZE of a write keeps it open', async () => {
    const plan = await run('ex', 'select * from notes where id = 1', { explain: 'plan' });
    const root = (plan.statements[0]!.plan as [{ Plan: { 'Node Type': string } }])[0].Plan;
    expect(root['Node Type']).toMatch(/Scan/);
    const analyzed = await run('ex', "update notes set body = 'x' where id = 2", { explain: 'analyze' });
    const top = (analyzed.statements[0]!.plan as [{ Plan: Record<string, unknown> }])[0].Plan;
    expect(top['Actual Rows']).toBeDefined();
    expect(analyzed.transaction.state).toBe('open');
    await call('workbench.rollback', { connectionId, sessionId: 'ex' });
    expect(await outside('select body from notes where id = 2')).toEqual([{ body: 'two' }]);
  });

  it('closes a session left idle too long and says its open transaction was rolled back', async () => {
    await run('idle', "insert into notes values (10, 'ten')");
    await workbenchSessions.sweep(Date.now() + SESSION_IDLE_MS + 1);
    expect(workbenchSessions.get(connectionId, 'idle')).toBeNull();
    await expect(call('workbench.commit', { connectionId, sessionId: 'idle' })).rejects.toMatchObject({
      code: 'GH700',
      message: expect.stringMatching(
        /idle too long.*rolled the open transaction back \(INSERT 1 not saved\)/,
      ),
    });
    expect(await outside('select count(*)::int as n from notes where id = 10')).toEqual([{ n: 0 }]);
  });

  it('keeps a history per database and closes sessions', async () => {
    await run('h', 'select 42', { historyId: 'h1' });
    const { entries } = await call<{ entries: { id: string; sql: string; summary: string }[] }>(
      'workbench.history.list',
      {
        connectionId,
      },
    );
    expect(entries[0]).toMatchObject({ id: 'h1', sql: 'select 42', summary: 'SELECT 1' });
    await run('h', "insert into notes values (9, 'nine')");
    expect(await call('workbench.close', { connectionId, sessionId: 'h' })).toEqual({
      closed: true,
      rolledBack: true,
    });
    expect(await outside('select count(*)::int as n from notes where id = 9')).toEqual([{ n: 0 }]);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
