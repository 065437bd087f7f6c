import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Matrix, WhyRow } from '../../shared/contract/rls.js';
import { pgServers } from '../../test/pg.js';
import { createStudioContext, type StudioContext } from '../app/context.js';
import { dispatch } from '../app/dispatch.js';
import { handlers } from '../app/handlers.js';
import { fakeEnvironment } from '../connections/test-environment.js';
import { createPolicy } from '../ddl/policies.js';
import { checksumTables, createRlsFixture, type RlsFixture } from './testing/fixture-db.js';

describe.each(pgServers())('rls calls through the contract ($label)', (server) => {
  let fx: RlsFixture;
  let context: StudioContext;
  let dataDir: string;
  let connectionId: string;
  const call = async <T>(name: Parameters<typeof dispatch>[2], input: unknown) => {
    const r = await dispatch(handlers, context, name, input);
    if (!r.ok) throw Object.assign(new Error(`${r.error.code} ${r.error.message}`), { code: r.error.code });
    return r.value as T;
  };

  beforeAll(async () => {
    fx = await createRlsFixture(server);
    dataDir = mkdtempSync(join(tmpdir(), 'gh-rls-h-'));
    context = createStudioContext({
      mode: 'cli',
      version: 't',
      dataDir,
      manager: { environment: fakeEnvironment() },
    });
    const url = new URL(fx.db.uri);
    connectionId = (
      await call<{ id: string }>('connections.open', {
        params: {
          host: url.hostname,
          port: Number(url.port),
          user: decodeURIComponent(url.username),
          password: decodeURIComponent(url.password),
          database: fx.db.name,
          sslmode: 'disable',
        },
      })
    ).id;
    await call('actAs.config.set', { connectionId, text: fx.configText });
  });
  afterAll(async () => {
    await context?.connections.closeAll();
    await fx?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const anon = { name: 'anonymous', claims: null };
  const anonNotes = (m: Matrix) =>
    m.cells.find((c) => c.persona === 'anonymous' && c.relation === 'api.notes' && c.command === 'select');

  it('the matrix previews a queued policy before apply, and shows it applied after', async () => {
    const client = await fx.connect();
    const before = await checksumTables(client);
    const now = await call<Matrix>('rls.matrix', { connectionId, personas: [anon] });
    expect(anonNotes(now)).toMatchObject({ allowed: true, rows: 0 });

    const policy = createPolicy({
      schema: 'api',
      table: 'notes',
      name: 'notes_anon_pinned',
      permissive: true,
      command: 'SELECT',
      roles: [{ kind: 'role', name: fx.role('anon') }],
      using: 'pinned',
      withCheck: null,
    });
    await call('changeset.add', {
      connectionId,
      statements: [
        { sql: policy.sql, origin: { panel: 'rls', object: 'api.notes', action: 'create policy' } },
      ],
    });
    const previewed = await call<Matrix & { previewed: number }>('rls.matrix', {
      connectionId,
      personas: [anon],
      preview: true,
    });
    expect(previewed.previewed).toBe(1);
    expect(anonNotes(previewed)).toMatchObject({ allowed: true, rows: 2 });
    expect(anonNotes(previewed)?.reason).toContain('notes_anon_pinned');
    // not applied yet: without preview nothing changed, and no table did
    expect(anonNotes(await call<Matrix>('rls.matrix', { connectionId, personas: [anon] }))?.rows).toBe(0);
    expect(await checksumTables(client)).toEqual(before);

    const why = await call<WhyRow>('rls.whyRow', {
      connectionId,
      persona: anon,
      relation: { schema: 'api', name: 'notes' },
      key: { id: '4' },
      command: 'select',
      preview: true,
    });
    expect(why).toMatchObject({
      verdict: true,
      policies: [{ name: 'notes_anon_pinned', usingResult: 'true' }],
    });

    await call('changeset.apply', { connectionId });
    expect(anonNotes(await call<Matrix>('rls.matrix', { connectionId, personas: [anon] }))?.rows).toBe(2);
    await client.end();
  });

  it('exports the matrix as tests to keep: the SQL asserts pass on this database, the pgTAP file plans each probe', async () => {
    const personas = [anon, { name: 'alice', claims: { role: fx.role('user'), sub: 'u-alice' } }];
    const sql = await call<{ fileName: string; text: string }>('rls.exportTests', {
      connectionId,
      personas,
      format: 'sql',
    });
    expect(sql.fileName).toBe('rls-matrix.test.sql');
    const client = await fx.connect();
    try {
      const results = await client.query(sql.text);
      const oks = (Array.isArray(results) ? results : [results])
        .flatMap((r) => r.rows as Record<string, unknown>[])
        .map((row) => Object.values(row)[0])
        .filter((v): v is string => typeof v === 'string' && v.startsWith('ok '));
      expect(oks).toContain('ok alice select api.notes');
      expect(oks).toContain('ok anonymous select api.notes');
    } finally {
      await client.end();
    }
    const tap = await call<{ fileName: string; text: string }>('rls.exportTests', {
      connectionId,
      personas,
      format: 'pgtap',
    });
    expect(tap.fileName).toBe('rls-matrix.pgtap.sql');
    expect(tap.text).toMatch(/^select plan\(\d+\);$/m);
    expect(tap.text).toContain("'alice select api.notes'");
  });

  it('a persona whose role is missing is refused with the reason', async () => {
    await expect(
      call('rls.matrix', { connectionId, personas: [{ name: 'x', claims: { role: 'nope_role' } }] }),
    ).rejects.toMatchObject({ code: 'GH801' });
  });
});
