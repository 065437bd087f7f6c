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

  /**
   * No npm package ships pgTAP's SQL (and the test servers are the npm embedded PostgreSQL), so the pgTAP file runs
   * against a stand-in of the three pgTAP functions it calls — plan(int), is(anyelement, anyelement, text) and
   * finish() — that prints TAP lines the way pgTAP does. Everything else in the file (the sessions, the probes as
   * each persona, the settings read back, the comparisons) runs for real.
   */
  const TAP_STANDIN = `
    create table public.gh_tap (n serial, line text, planned int);
    create function public.plan(int) returns text language sql as
      $$ insert into public.gh_tap (line, planned) values ('1..' || $1, $1) returning line $$;
    create function public.is(got anyelement, want anyelement, what text) returns text language sql as $$
      insert into public.gh_tap (line)
      select case when got is not distinct from want then 'ok' else 'not ok' end
             || ' ' || (select count(*) from public.gh_tap where planned is null) + 1 || ' - ' || what
      returning line $$;
    create function public.finish() returns setof text language sql as
      $$ select '# ' || count(*) filter (where line like 'not ok%') || ' failed' from public.gh_tap $$;`;

  const runTap = async (mutate: string | null) => {
    const tap = await exported('pgtap');
    const client = await fx.connect();
    try {
      await client.query('BEGIN');
      await client.query(TAP_STANDIN);
      if (mutate) await client.query(mutate);
      const body = tap.replace(/^begin;$/m, '').replace(/^rollback;$/m, '');
      await client.query(body);
      const r = await client.query<{ line: string; planned: number | null }>(
        'select line, planned from public.gh_tap order by n',
      );
      return r.rows;
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  };

  it('the pgTAP file runs on the database it came from: every planned test ok (pgTAP functions stood in)', async () => {
    const rows = await runTap(null);
    const planned = rows[0]?.planned ?? 0;
    const tests = rows.slice(1).map((r) => r.line);
    expect(planned).toBeGreaterThan(10);
    expect(tests).toHaveLength(planned);
    expect(tests.filter((l) => !l.startsWith('ok '))).toEqual([]);
    expect(tests).toContain(
      `ok ${tests.findIndex((l) => l.endsWith('alice select api.notes')) + 1} - alice select api.notes`,
    );
  });

  it('and reports not ok for the cells a policy change broke', async () => {
    const rows = await runTap('DROP POLICY notes_user_select ON api.notes');
    const failed = rows.slice(1).filter((r) => r.line.startsWith('not ok'));
    expect(failed.map((r) => r.line.replace(/^not ok \d+ - /, ''))).toEqual([
      'alice select api.notes',
      // an UPDATE reads the rows it changes: without the SELECT policy alice's update finds none
      'alice update api.notes',
    ]);
  });
});
