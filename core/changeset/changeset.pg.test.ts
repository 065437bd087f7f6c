import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyResult, ChangeSet, ChangeSetHistoryEntry } from '../../shared/contract/changeset.js';
import { createTempDatabase, pgServers, superuserQuery, type TempDatabase } from '../../test/pg.js';
import { createStudioContext, type StudioContext } from '../app/context.js';
import { dispatch } from '../app/dispatch.js';
import { handlers } from '../app/handlers.js';
import { fakeEnvironment } from '../connections/test-environment.js';

const origin = (action: string, object = 'public.t') => ({ panel: 'test', object, action });

describe.each(pgServers())('change sets ($label)', (server) => {
  let db: TempDatabase;
  let context: StudioContext;
  let dataDir: string;
  let connectionId: string;
  const applied: string[] = [];
  const url = new URL(server.superuserUri);

  const call = async <T = Record<string, unknown>>(name: Parameters<typeof dispatch>[2], input: unknown) => {
    const r = await dispatch(handlers, context, name, input);
    if (!r.ok) throw Object.assign(new Error(`${r.error.code} ${r.error.message}`), { code: r.error.code });
    return r.value as T;
  };
  const add = (...statements: { sql: string; origin: ReturnType<typeof origin> }[]) =>
    call<ChangeSet>('changeset.add', { connectionId, statements });
  const apply = (input: Record<string, unknown> = {}) =>
    call<ApplyResult>('changeset.apply', { connectionId, ...input });
  const q = async (sql: string) => (await superuserQuery(server, sql, db.name)).rows;
  const exists = async (table: string) =>
    (await q(`SELECT to_regclass('public.${table}') IS NOT NULL AS e`))[0].e as boolean;

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_changeset');
    dataDir = mkdtempSync(join(tmpdir(), 'gh-changeset-'));
    context = createStudioContext({
      mode: 'cli',
      version: 't',
      dataDir,
      manager: { environment: fakeEnvironment() },
      onApplied: (id) => void applied.push(id),
    });
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
    await context?.connections.closeAll();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('queues statements from panels, previews them, applies them in one go and keeps the history', async () => {
    const set = await add(
      { sql: 'CREATE TABLE ok_a (id int PRIMARY KEY)', origin: origin('create table', 'public.ok_a') },
      // One text with two statements becomes two entries with the same origin.
      {
        sql: "INSERT INTO ok_a VALUES (1); COMMENT ON TABLE ok_a IS 'semi;colon'",
        origin: origin('seed', 'public.ok_a'),
      },
    );
    expect(set.statements.map((s) => s.sql)).toEqual([
      'CREATE TABLE ok_a (id int PRIMARY KEY)',
      'INSERT INTO ok_a VALUES (1)',
      "COMMENT ON TABLE ok_a IS 'semi;colon'",
    ]);
    expect(set.statements.every((s) => s.phase === 'transaction')).toBe(true);
    const preview = await call<{ script: string; ranges: { start: number; end: number }[] }>(
      'changeset.preview',
      { connectionId },
    );
    expect(preview.ranges.map((r) => preview.script.slice(r.start, r.end))).toEqual(
      set.statements.map((s) => s.sql),
    );
    expect(preview.script).toContain('-- [2] test · public.ok_a · seed');

    const result = await apply({ expectIds: set.statements.map((s) => s.id) });
    expect(result.outcome).toBe('applied');
    expect(result.summary).toBe('Applied 3 statements in one transaction.');
    expect(result.statements.map((s) => s.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await q('SELECT id FROM ok_a')).toEqual([{ id: 1 }]);
    expect(applied).toEqual([connectionId]);
    expect((await call<ChangeSet>('changeset.list', { connectionId })).statements).toEqual([]);

    const { entries } = await call<{ entries: ChangeSetHistoryEntry[] }>('changeset.history.list', {
      connectionId,
    });
    expect(entries[0]).toMatchObject({
      id: result.historyId,
      outcome: 'applied',
      database: db.name,
      user: decodeURIComponent(url.username),
      server: { port: Number(url.port) },
      lockTimeoutMs: 5000,
      statementTimeoutMs: 60000,
    });
    expect(entries[0]!.statements.map((s) => s.sql)).toEqual(set.statements.map((s) => s.sql));
    const exported = await call<{ filename: string; sql: string }>('changeset.history.export', {
      connectionId,
      ids: [result.historyId],
    });
    expect(exported.filename).toMatch(/_gh_changeset_[0-9a-f]+_gatehouse\.sql$/);
    expect(exported.sql).toMatch(/^-- Migration exported by Gatehouse t on /);
    expect(exported.sql).toContain("-- test · public.ok_a · seed\nCOMMENT ON TABLE ok_a IS 'semi;colon';\n");
  });

  it('fails whole: names the failing statement and maps PostgreSQL’s position into it; nothing changes', async () => {
    applied.length = 0;
    await add(
      { sql: 'CREATE TABLE fail_a (a int)', origin: origin('create', 'public.fail_a') },
      { sql: 'INSERT INTO fail_a VALUES (1)', origin: origin('seed', 'public.fail_a') },
      { sql: 'SELECT a,\n       nope\nFROM fail_a', origin: origin('check', 'public.fail_a') },
      { sql: 'CREATE TABLE fail_b (a int)', origin: origin('create', 'public.fail_b') },
    );
    const result = await apply();
    expect(result.outcome).toBe('failed');
    expect(result.failure).toMatchObject({
      index: 2,
      origin: origin('check', 'public.fail_a'),
      error: { sqlstate: '42703', position: 'SELECT a,\n       '.length + 1, line: 2, column: 8 },
    });
    expect(result.failure!.error.message).toMatch(/column "nope" does not exist/);
    expect(result.summary).toMatch(/^Statement 3 failed: column "nope" does not exist\. Rolled back/);
    expect(result.statements.map((s) => s.status)).toEqual([
      'rolled-back',
      'rolled-back',
      'failed',
      'not-run',
    ]);
    expect(await exists('fail_a')).toBe(false);
    expect(await exists('fail_b')).toBe(false);
    expect(applied).toEqual([]);
    // The set stays for the user to fix; the attempt is in the history.
    const set = await call<ChangeSet>('changeset.list', { connectionId });
    expect(set.statements).toHaveLength(4);
    const { entries } = await call<{ entries: ChangeSetHistoryEntry[] }>('changeset.history.list', {
      connectionId,
    });
    expect(entries[0]).toMatchObject({ outcome: 'failed', failure: { index: 2, sqlstate: '42703' } });
    await call('changeset.remove', { connectionId, id: set.statements[2]!.id });
    expect((await apply()).outcome).toBe('applied');
    expect(await exists('fail_b')).toBe(true);
  });

  it('flags statements that cannot run in a transaction and runs them after it, only when confirmed', async () => {
    await q("CREATE TYPE mood AS ENUM ('ok')");
    const set = await add(
      { sql: 'CREATE TABLE nt (a int, m mood)', origin: origin('create', 'public.nt') },
      { sql: 'CREATE INDEX CONCURRENTLY nt_a ON nt (a)', origin: origin('index', 'public.nt') },
      { sql: "ALTER TYPE mood ADD VALUE 'great'", origin: origin('add value', 'public.mood') },
      { sql: "INSERT INTO nt VALUES (1, 'great')", origin: origin('seed', 'public.nt') },
      { sql: 'INSERT INTO nt VALUES (2, NULL)', origin: origin('seed', 'public.nt') },
    );
    expect(set.statements.map((s) => s.phase)).toEqual([
      'transaction',
      'after',
      'after',
      'after',
      'transaction',
    ]);
    expect(set.statements[1]!.reason).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
    expect(set.statements[2]!.reason).toMatch(/must commit before statement 4/);

    const refused = await apply();
    expect(refused.outcome).toBe('needs-confirmation');
    expect(refused.summary).toMatch(/Nothing ran: statements 2, 3, 4 cannot run inside a transaction/);
    expect(refused.historyId).toBeNull();
    expect(await exists('nt')).toBe(false);

    const result = await apply({ confirmNonTransactional: true });
    expect(result.outcome).toBe('applied');
    expect(result.summary).toBe('Applied 5 statements (2 in one transaction, 3 after it).');
    expect(result.statements.map((s) => s.index)).toEqual([0, 4, 1, 2, 3]);
    expect(await q('SELECT a, m::text FROM nt ORDER BY a')).toEqual([
      { a: 1, m: 'great' },
      { a: 2, m: null },
    ]);
    expect(await q("SELECT indisvalid FROM pg_index WHERE indexrelid = 'nt_a'::regclass")).toEqual([
      { indisvalid: true },
    ]);
    // The session's own timeouts are back after the statements that ran outside the transaction.
    const timeouts = await context.connections.withClient(
      connectionId,
      async (c) => (await c.query<{ lt: string }>("SELECT current_setting('lock_timeout') AS lt")).rows,
    );
    expect(timeouts).toEqual([{ lt: '10s' }]);
  });

  it('runs a failing statement after the transaction as partial: says what ran, keeps the rest pending', async () => {
    await add(
      { sql: 'CREATE TABLE part_a (a int)', origin: origin('create', 'public.part_a') },
      { sql: 'CREATE INDEX CONCURRENTLY part_i ON no_such_table (a)', origin: origin('index') },
    );
    const result = await apply({ confirmNonTransactional: true });
    expect(result.outcome).toBe('partial');
    expect(result.failure).toMatchObject({ index: 1, error: { sqlstate: '42P01' } });
    expect(result.summary).toMatch(/Applied: the transaction \(1 statement\); the rest did not run\./);
    expect(await exists('part_a')).toBe(true);
    const left = await call<ChangeSet>('changeset.list', { connectionId });
    expect(left.statements.map((s) => s.sql)).toEqual([
      'CREATE INDEX CONCURRENTLY part_i ON no_such_table (a)',
    ]);
    await call('changeset.discard', { connectionId });
  });

  it('waits at most lock_timeout for a lock another session holds, and at most statement_timeout', async () => {
    await q('CREATE TABLE locked (a int)');
    const holder = new pg.Client({ connectionString: db.uri });
    await holder.connect();
    try {
      await holder.query('BEGIN; LOCK TABLE locked IN ACCESS EXCLUSIVE MODE');
      await add(
        { sql: 'CREATE TABLE lt_new (a int)', origin: origin('create') },
        { sql: 'ALTER TABLE locked ADD COLUMN b int', origin: origin('alter', 'public.locked') },
      );
      const t0 = Date.now();
      const result = await apply({ lockTimeoutMs: 300 });
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect(result.outcome).toBe('failed');
      expect(result.failure).toMatchObject({ index: 1, error: { sqlstate: '55P03' } });
      expect(result.failure!.error.message).toMatch(/lock timeout/);
      expect(await exists('lt_new')).toBe(false);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
    await call('changeset.discard', { connectionId });
    await add(
      { sql: 'CREATE TABLE st_new (a int)', origin: origin('create') },
      { sql: 'SELECT pg_sleep(3)', origin: origin('wait') },
    );
    const slow = await apply({ statementTimeoutMs: 200 });
    expect(slow.failure).toMatchObject({ index: 1, error: { sqlstate: '57014' } });
    expect(slow.failure!.error.message).toMatch(/statement timeout/);
    expect(await exists('st_new')).toBe(false);
    await call('changeset.discard', { connectionId });
  });

  it('leaves nothing half-applied and retries nothing when the backend is killed mid-apply', async () => {
    applied.length = 0;
    await add(
      { sql: 'CREATE TABLE killed_a (a int)', origin: origin('create', 'public.killed_a') },
      { sql: 'SELECT pg_sleep(5)', origin: origin('wait') },
      { sql: 'CREATE TABLE killed_b (a int)', origin: origin('create', 'public.killed_b') },
    );
    const running = apply();
    let pid: number | null = null;
    for (let i = 0; i < 100 && pid === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const rows = await q(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'SELECT pg_sleep(5)' AND state = 'active'`,
      );
      pid = (rows[0]?.pid as number | undefined) ?? null;
    }
    expect(pid).not.toBeNull();
    await q(`SELECT pg_terminate_backend(${pid})`);
    const result = await running;
    expect(result.outcome).toBe('failed');
    expect(result.failure).toMatchObject({ index: 1, error: { connectionLost: true } });
    expect(result.summary).toMatch(
      /connection was lost at statement 2; the server rolled the transaction back/,
    );
    // A retry would have run the whole set again on a new session and created both tables.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await exists('killed_a')).toBe(false);
    expect(await exists('killed_b')).toBe(false);
    expect(
      await q(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(5)' AND state = 'active'`,
      ),
    ).toEqual([{ n: 0 }]);
    expect(applied).toEqual([]);
    // The set is intact and the connection comes back on the next apply.
    const set = await call<ChangeSet>('changeset.list', { connectionId });
    await call('changeset.remove', { connectionId, id: set.statements[1]!.id });
    expect((await apply()).outcome).toBe('applied');
    expect(await exists('killed_b')).toBe(true);
  });

  it('names COMMIT when a deferred constraint fails there, and changes nothing', async () => {
    await q(
      'CREATE TABLE parent (id int PRIMARY KEY); CREATE TABLE child (pid int REFERENCES parent DEFERRABLE INITIALLY DEFERRED)',
    );
    await add(
      { sql: 'CREATE TABLE deferred_new (a int)', origin: origin('create') },
      { sql: 'INSERT INTO child VALUES (42)', origin: origin('seed', 'public.child') },
    );
    const result = await apply();
    expect(result.outcome).toBe('failed');
    expect(result.failure).toMatchObject({ index: null, id: null, error: { sqlstate: '23503' } });
    expect(result.summary).toMatch(/^COMMIT failed: .*Rolled back, nothing was applied\.$/);
    expect(result.statements.map((s) => s.status)).toEqual(['rolled-back', 'rolled-back']);
    expect(await exists('deferred_new')).toBe(false);
    await call('changeset.discard', { connectionId });
  });

  it('refuses what a set cannot hold and a set that changed since it was reviewed', async () => {
    await expect(add({ sql: 'CREATE TABLE (', origin: origin('x') })).rejects.toMatchObject({
      code: 'GH600',
    });
    await expect(add({ sql: 'BEGIN', origin: origin('x') })).rejects.toMatchObject({ code: 'GH601' });
    await expect(apply()).rejects.toMatchObject({ code: 'GH603' });
    await add({ sql: 'SELECT 1', origin: origin('x') });
    await expect(apply({ expectIds: ['someone-else'] })).rejects.toMatchObject({ code: 'GH604' });
    await expect(call('changeset.remove', { connectionId, id: 'gone' })).rejects.toMatchObject({
      code: 'GH602',
    });
    await call('changeset.discard', { connectionId });
  });
});
