import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgServers } from '../../test/pg.js';
import { loadPostgrestConfig, type PostgrestConfig } from '../act-as/config/index.js';
import { exportMatrixTests } from './export.js';
import { checksumTables, createRlsFixture, type RlsFixture } from './testing/fixture-db.js';

describe.each(pgServers())('matrix exported as tests ($label)', (server) => {
  let fx: RlsFixture;
  let config: PostgrestConfig;
  let dir: string;

  beforeAll(async () => {
    fx = await createRlsFixture(server);
    dir = mkdtempSync(join(tmpdir(), 'gh-rls-export-'));
    config = loadPostgrestConfig({ file: fx.writeConfig(dir), env: {} });
  });
  afterAll(async () => {
    await fx?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const personas = () => [
    { name: 'alice', claims: { role: fx.role('user'), sub: 'u-alice' }, headers: { 'x-app': 'e2e' } },
    { name: "o'anon", claims: null },
  ];
  const exported = (format: 'pgtap' | 'sql') =>
    exportMatrixTests({ connect: () => fx.connect(), config, personas: personas() }, format);

  it('the plain SQL assertions pass on the database they came from, and change nothing', async () => {
    const sql = await exported('sql');
    const client = await fx.connect();
    try {
      const before = await checksumTables(client);
      const results = await client.query(sql);
      const oks = (Array.isArray(results) ? results : [results])
        .flatMap((r) => r.rows as Record<string, unknown>[])
        .map((row) => Object.values(row)[0])
        .filter((v): v is string => typeof v === 'string' && v.startsWith('ok '));
      expect(oks).toContain('ok alice select api.notes');
      expect(oks).toContain("ok o'anon select api.notes");
      expect(await checksumTables(client)).toEqual(before);
    } finally {
      await client.end();
    }
  });

  it('fail when the database no longer matches (a policy dropped)', async () => {
    const sql = await exported('sql');
    const client = await fx.connect();
    try {
      await client.query('BEGIN');
      await client.query('DROP POLICY notes_user_select ON api.notes');
      await client.query('SAVEPOINT s');
      // the file's own BEGIN/ROLLBACK nest as warnings inside ours; strip them to keep the test's transaction
      const body = sql.replace(/^begin;$/m, '').replace(/^rollback;$/m, '');
      await expect(client.query(body)).rejects.toThrow(
        /RLS matrix differs: alice select api\.notes: expected \{"n": 2\}, got \{"n": 0\}/,
      );
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  it('the pgTAP form plans one test per probe and checks each with is()', async () => {
    const tap = await exported('pgtap');
    const checks = tap.match(/^select is\(/gm) ?? [];
    const plan = /^select plan\((\d+)\);$/m.exec(tap);
    expect(Number(plan?.[1])).toBe(checks.length);
    expect(checks.length).toBeGreaterThan(10);
    expect(tap).toMatch(/^select \* from finish\(\);$/m);
    expect(tap).toContain(`'alice select api.notes'`);
    expect(tap).toContain(`'o''anon select api.notes'`);
    // same probes as the SQL form
    const sql = await exported('sql');
    expect(tap.match(/gh_probe\(\d+/g)).toEqual(sql.match(/gh_probe\(\d+/g));
  });
});
