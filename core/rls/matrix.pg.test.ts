import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatrixCell } from '../../shared/contract/rls.js';
import { pgServers } from '../../test/pg.js';
import { loadPostgrestConfig, type PostgrestConfig } from '../act-as/config/index.js';
import { computeMatrix } from './matrix.js';
import { checksumTables, createRlsFixture, type RlsFixture } from './testing/fixture-db.js';

describe.each(pgServers())('RLS matrix on the corpus fixture ($label)', (server) => {
  let fx: RlsFixture;
  let config: PostgrestConfig;
  let dir: string;

  beforeAll(async () => {
    fx = await createRlsFixture(server);
    dir = mkdtempSync(join(tmpdir(), 'gh-rls-'));
    config = loadPostgrestConfig({ file: fx.writeConfig(dir), env: {} });
  });
  afterAll(async () => {
    await fx?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const personas = () => [
    { name: 'alice', claims: { role: fx.role('user'), sub: 'u-alice' } },
    { name: 'anonymous', claims: null },
    { name: 'admin', claims: { role: fx.role('admin') } },
  ];
  const matrix = (preview?: (c: pg.ClientBase) => Promise<void>) =>
    computeMatrix({
      connect: () => fx.connect(),
      config,
      personas: personas(),
      ...(preview ? { preview } : {}),
    });
  const cell = (cells: MatrixCell[], persona: string, relation: string, command: MatrixCell['command']) => {
    const c = cells.find((x) => x.persona === persona && x.relation === relation && x.command === command);
    if (!c) throw new Error(`no cell ${persona} ${relation} ${command}`);
    return c;
  };

  it('counts the rows each persona sees and says which policy decided', async () => {
    const cells = await matrix();
    expect(cell(cells, 'alice', 'api.notes', 'select')).toMatchObject({ allowed: true, rows: 2 });
    expect(cell(cells, 'alice', 'api.notes', 'select').reason).toContain('notes_user_select');
    expect(cell(cells, 'admin', 'api.notes', 'select')).toMatchObject({ allowed: true, rows: 4 });
    expect(cell(cells, 'admin', 'api.notes', 'select').reason).toContain('notes_admin_all');
    // cf_anon has SELECT but no policy: the query runs and every row is hidden.
    const anon = cell(cells, 'anonymous', 'api.notes', 'select');
    expect(anon).toMatchObject({ allowed: true, rows: 0 });
    expect(anon.reason).toMatch(/no SELECT policy applies/);
    // the write-only inbox: SELECT granted to cf_user but only an INSERT policy; cf_anon has no grant at all.
    expect(cell(cells, 'alice', 'api.inbox', 'select')).toMatchObject({ allowed: true, rows: 0 });
    const inbox = cell(cells, 'anonymous', 'api.inbox', 'select');
    expect(inbox).toMatchObject({ allowed: false });
    expect(inbox.rows).toBeUndefined();
    expect(inbox.reason).toMatch(/no SELECT privilege on api\.inbox/);
  });

  it('probes writes: grants, policies and WITH CHECK verdicts', async () => {
    const cells = await matrix();
    // owner_sub defaults to the sub claim, so the probe row passes WITH CHECK (then body's NOT NULL stops it).
    const insert = cell(cells, 'alice', 'api.notes', 'insert');
    expect(insert.allowed).toBe(true);
    expect(insert.reason).toContain('notes_user_insert');
    expect(cell(cells, 'alice', 'api.notes', 'update')).toMatchObject({ allowed: true });
    expect(cell(cells, 'alice', 'api.notes', 'update').reason).toContain('2 rows affected');
    expect(cell(cells, 'alice', 'api.notes', 'delete').reason).toContain('2 rows affected');
    expect(cell(cells, 'admin', 'api.notes', 'delete').reason).toMatch(/no DELETE privilege|4 rows affected/);
    expect(cell(cells, 'alice', 'api.inbox', 'insert')).toMatchObject({ allowed: true });
    expect(cell(cells, 'alice', 'api.inbox', 'delete')).toMatchObject({ allowed: false });
    expect(cell(cells, 'anonymous', 'api.notes', 'insert').reason).toMatch(/no INSERT privilege/);
    // every persona × every exposed relation × 4 commands
    const relations = new Set(cells.map((c) => c.relation));
    expect(cells).toHaveLength(3 * relations.size * 4);
    expect([...relations].every((r) => r.startsWith('api.'))).toBe(true);
  });

  it('never changes data: every table has the same checksum after the matrix', async () => {
    const client = await fx.connect();
    try {
      const before = await checksumTables(client);
      await matrix();
      expect(await checksumTables(client)).toEqual(before);
    } finally {
      await client.end();
    }
  });

  it('previews a pending change inside the rolled-back transaction', async () => {
    const anonRole = fx.role('anon');
    const preview = async (c: pg.ClientBase) => {
      await c.query(`CREATE POLICY notes_anon_read ON api.notes FOR SELECT TO "${anonRole}" USING (pinned)`);
    };
    const previewed = await matrix(preview);
    expect(cell(previewed, 'anonymous', 'api.notes', 'select')).toMatchObject({ allowed: true, rows: 2 });
    expect(cell(previewed, 'anonymous', 'api.notes', 'select').reason).toContain('notes_anon_read');
    const after = await matrix();
    expect(cell(after, 'anonymous', 'api.notes', 'select')).toMatchObject({ rows: 0 });
  });

  it('a cookie session goes through the pre-request: its grants, policies and rows are the switched role’s', async () => {
    const user = fx.role('user');
    // The postgrest-sessions pattern: an anonymous request whose cookie the pre-request turns into alice.
    const preview = async (c: pg.ClientBase) => {
      await c.query(`CREATE FUNCTION app.gh_session() RETURNS void LANGUAGE plpgsql AS $fn$
        BEGIN
          IF current_setting('request.cookies', true)::json->>'session' = 'alice-session' THEN
            PERFORM set_config('role', '${user}', true);
            PERFORM set_config('request.jwt.claims', '{"role": "${user}", "sub": "u-alice"}', true);
          ELSIF current_setting('request.cookies', true)::json->>'session' IS NOT NULL THEN
            RAISE EXCEPTION 'no session %', current_setting('request.cookies', true)::json->>'session';
          END IF;
        END $fn$`);
    };
    const sessions = { ...config, dbPreRequest: { schema: 'app', name: 'gh_session' } };
    const cells = await computeMatrix({
      connect: () => fx.connect(),
      config: sessions,
      preview,
      personas: [
        { name: 'cookie', claims: null, cookies: { session: 'alice-session' } },
        { name: 'anonymous', claims: null },
      ],
    });
    const select = cell(cells, 'cookie', 'api.notes', 'select');
    expect(select).toMatchObject({ allowed: true, rows: 2 });
    expect(select.reason).toContain('notes_user_select');
    // cf_user's grants, not cf_anon's: the inbox takes an insert, the notes an update of alice's two rows
    expect(cell(cells, 'cookie', 'api.inbox', 'insert')).toMatchObject({ allowed: true });
    expect(cell(cells, 'cookie', 'api.notes', 'update').reason).toContain('2 rows affected');
    expect(cell(cells, 'anonymous', 'api.notes', 'select')).toMatchObject({ allowed: true, rows: 0 });
    await expect(
      computeMatrix({
        connect: () => fx.connect(),
        config: sessions,
        preview,
        personas: [{ name: 'forged', claims: null, cookies: { session: 'forged' } }],
      }),
    ).rejects.toThrow(/no session forged/);
  });

  it('refuses a persona whose role does not exist', async () => {
    await expect(
      computeMatrix({
        connect: () => fx.connect(),
        config,
        personas: [{ name: 'ghost', claims: { role: 'no_such_role_x' } }],
      }),
    ).rejects.toMatchObject({
      code: 'GH801',
      message: expect.stringContaining('"no_such_role_x" does not exist'),
    });
  });
});
