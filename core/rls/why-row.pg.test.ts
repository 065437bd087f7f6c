import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgServers } from '../../test/pg.js';
import { loadPostgrestConfig, type PostgrestConfig } from '../act-as/config/index.js';
import { checksumTables, createRlsFixture, type RlsFixture } from './testing/fixture-db.js';
import { whyRow } from './why-row.js';

describe.each(pgServers())('why this row? on the corpus fixture ($label)', (server) => {
  let fx: RlsFixture;
  let config: PostgrestConfig;
  let dir: string;
  let client: pg.Client;

  beforeAll(async () => {
    fx = await createRlsFixture(server);
    dir = mkdtempSync(join(tmpdir(), 'gh-rls-why-'));
    config = loadPostgrestConfig({ file: fx.writeConfig(dir), env: {} });
    client = await fx.connect();
  });
  afterAll(async () => {
    await client?.end();
    await fx?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const alice = () => ({ name: 'alice', claims: { role: fx.role('user'), sub: 'u-alice' } });
  const notes = { schema: 'api', name: 'notes' };

  it("alice's own note: the owner policy's USING is true, the verdict is in", async () => {
    const r = await whyRow({
      client,
      config,
      persona: alice(),
      relation: notes,
      key: { id: '1' },
      command: 'select',
    });
    expect(r.rls).toBe('enabled');
    expect(r.row).toMatchObject({ id: 1, owner_sub: 'u-alice' });
    expect(r.policies).toEqual([
      expect.objectContaining({
        name: 'notes_user_select',
        permissive: true,
        usingResult: 'true',
        withCheckResult: null,
      }),
    ]);
    expect(r.verdict).toBe(true);
    expect(r.reason).toContain('notes_user_select lets the row through');
  });

  it("Bob's note for alice: USING is false, the verdict is out; for update both clauses are checked", async () => {
    const r = await whyRow({
      client,
      config,
      persona: alice(),
      relation: notes,
      key: { id: '3' },
      command: 'update',
    });
    expect(r.policies).toEqual([
      expect.objectContaining({ name: 'notes_user_update', usingResult: 'false', withCheckResult: 'false' }),
    ]);
    expect(r.verdict).toBe(false);
    expect(r.reason).toMatch(/No permissive policy is true/);
  });

  it('a persona without a sub claim gets null, not false', async () => {
    const nosub = { name: 'nosub', claims: { role: fx.role('user') } };
    const r = await whyRow({
      client,
      config,
      persona: nosub,
      relation: notes,
      key: { id: '1' },
      command: 'delete',
    });
    expect(r.policies[0]).toMatchObject({ name: 'notes_user_delete', usingResult: 'null' });
    expect(r.verdict).toBe(false);
  });

  it('restrictive policies AND with the permissive OR, and a preview counts', async () => {
    const preview = async (c: pg.ClientBase) => {
      await c.query(
        `CREATE POLICY notes_pinned_only ON api.notes AS RESTRICTIVE FOR SELECT TO "${fx.role('user')}" USING (pinned)`,
      );
    };
    const pinned = await whyRow({
      client,
      config,
      persona: alice(),
      relation: notes,
      key: { id: '1' },
      command: 'select',
      preview,
    });
    expect(pinned.verdict).toBe(true);
    const unpinned = await whyRow({
      client,
      config,
      persona: alice(),
      relation: notes,
      key: { id: '2' },
      command: 'select',
      preview,
    });
    expect(unpinned.policies.map((p) => [p.name, p.permissive, p.usingResult])).toEqual([
      ['notes_user_select', true, 'true'],
      ['notes_pinned_only', false, 'false'],
    ]);
    expect(unpinned.verdict).toBe(false);
    expect(unpinned.reason).toContain('restrictive notes_pinned_only is not true');
    // the preview was rolled back
    const again = await whyRow({
      client,
      config,
      persona: alice(),
      relation: notes,
      key: { id: '2' },
      command: 'select',
    });
    expect(again.verdict).toBe(true);
  });

  it('no policy for anon, no grant for INSERT on inbox reads, an unknown row: each said plainly', async () => {
    const anon = { name: 'anonymous', claims: null };
    const a = await whyRow({
      client,
      config,
      persona: anon,
      relation: notes,
      key: { id: '1' },
      command: 'select',
    });
    expect(a).toMatchObject({ verdict: false, policies: [] });
    expect(a.reason).toMatch(/No permissive SELECT policy applies/);
    const d = await whyRow({
      client,
      config,
      persona: alice(),
      relation: { schema: 'api', name: 'inbox' },
      key: { id: '1' },
      command: 'delete',
    });
    expect(d.reason).toMatch(/no DELETE privilege/);
    await expect(
      whyRow({ client, config, persona: alice(), relation: notes, key: { id: '99' }, command: 'select' }),
    ).rejects.toMatchObject({ code: 'GH804' });
    await expect(
      whyRow({ client, config, persona: alice(), relation: notes, key: { body: 'x' }, command: 'select' }),
    ).rejects.toMatchObject({ code: 'GH804', message: expect.stringContaining('primary key (id)') });
  });

  it('changes nothing', async () => {
    const before = await checksumTables(client);
    await whyRow({ client, config, persona: alice(), relation: notes, key: { id: '1' }, command: 'delete' });
    expect(await checksumTables(client)).toEqual(before);
  });
});
