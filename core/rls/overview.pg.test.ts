import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RlsOverview } from '../../shared/contract/rls.js';
import { pgServers } from '../../test/pg.js';
import { loadPostgrestConfig } from '../act-as/config/index.js';
import { readCatalog } from '../catalog/read-catalog.js';
import { createRlsFixture, type RlsFixture } from './testing/fixture-db.js';
import { rlsOverview } from './overview.js';

describe.each(pgServers())("RLS overview, its warnings the advisor's findings ($label)", (server) => {
  let fx: RlsFixture;
  let overview: RlsOverview;
  const rel = (name: string) => {
    const r = overview.relations.find((x) => x.schema === 'api' && x.name === name);
    if (!r) throw new Error(`no api.${name}`);
    return r;
  };
  const codes = (name: string) => rel(name).warnings.map((w) => w.code);

  beforeAll(async () => {
    fx = await createRlsFixture(server);
    const user = fx.role('user');
    const anon = fx.role('anon');
    const client = new pg.Client({ connectionString: fx.db.uri });
    await client.connect();
    try {
      await client.query(
        `
        CREATE TABLE api.gh_legacy (id int PRIMARY KEY, owner text);
        ALTER TABLE api.gh_legacy ENABLE ROW LEVEL SECURITY;
        CREATE POLICY legacy_owner ON api.gh_legacy USING (owner = current_setting('request.jwt.claim.sub', true));
        CREATE POLICY legacy_wipe ON api.gh_legacy FOR DELETE TO "${anon}" USING (true);
        GRANT SELECT, DELETE ON api.gh_legacy TO "${anon}";
        CREATE TABLE api.gh_dead (id int);
        CREATE POLICY dead_policy ON api.gh_dead USING (false);
        CREATE TABLE api.gh_owned (id int);
        ALTER TABLE api.gh_owned OWNER TO "${user}";
        ALTER TABLE api.gh_owned ENABLE ROW LEVEL SECURITY;
        CREATE VIEW api.gh_notes_view AS SELECT id, body FROM api.notes;
        CREATE VIEW api.gh_notes_invoker WITH (security_invoker = true) AS SELECT id, body FROM api.notes;
        GRANT SELECT ON api.gh_notes_view, api.gh_notes_invoker TO "${anon}";
      `.replace(
          /security_invoker = true/,
          server.major >= 15 ? 'security_invoker = true' : 'security_barrier = true',
        ),
      );
      const dir = mkdtempSync(join(tmpdir(), 'gh-rls-ov-'));
      try {
        const config = loadPostgrestConfig({ file: fx.writeConfig(dir), env: {} });
        overview = rlsOverview(await readCatalog(client), config);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await client.end();
    }
  });
  afterAll(async () => {
    await fx?.drop();
  });

  it('states every relation with RLS state and policy counts', () => {
    expect(rel('notes')).toMatchObject({
      rlsEnabled: true,
      rlsForced: false,
      exposed: true,
      policyCounts: { ALL: 1, SELECT: 1, INSERT: 1, UPDATE: 1, DELETE: 1 },
    });
    expect(overview.requestRoles).toEqual(expect.arrayContaining([fx.role('anon'), fx.role('user')]));
    expect(overview.relations.some((r) => r.schema === 'app')).toBe(true);
    expect(overview.relations.find((r) => r.schema === 'app')?.exposed).toBe(false);
  });

  it('warns where RLS is off on a table requests reach', () => {
    expect(codes('teams')).toContain('table_without_rls');
    const teams = rel('teams').warnings.find((w) => w.code === 'table_without_rls');
    expect(teams?.message).toContain(fx.role('anon'));
    expect(teams).toMatchObject({ severity: 'error', fix: 'Enable RLS on api.teams' });
    expect(codes('notes')).not.toContain('table_without_rls');
  });

  it('warns on obsolete claim settings and USING (true) writes for anon', () => {
    expect(codes('gh_legacy')).toEqual(
      expect.arrayContaining(['obsolete_jwt_claim_setting', 'policy_write_all']),
    );
    expect(rel('gh_legacy').warnings.find((w) => w.code === 'obsolete_jwt_claim_setting')?.policy).toBe(
      'legacy_owner',
    );
    expect(rel('gh_legacy').warnings.find((w) => w.code === 'policy_write_all')?.policy).toBe('legacy_wipe');
    expect(codes('notes')).not.toContain('policy_write_all');
  });

  it('warns on policies of a table whose RLS is off, and on RLS not forced for an owner requests use', () => {
    expect(codes('gh_dead')).toContain('policy_rls_disabled');
    expect(codes('gh_owned')).toContain('rls_not_forced');
    expect(codes('notes')).not.toContain('rls_not_forced');
  });

  it('warns on a view over an RLS table that runs as its owner', () => {
    expect(codes('gh_notes_view')).toContain('view_bypasses_rls');
    if (server.major >= 15) expect(codes('gh_notes_invoker')).not.toContain('view_bypasses_rls');
  });

  it('every warning is an advisor finding of the same run: one implementation, two views', async () => {
    const { rlsAdvice } = await import('../advisor/rls-advice.js');
    const client = await fx.connect();
    const dir = mkdtempSync(join(tmpdir(), 'gh-rls-ov2-'));
    try {
      const config = loadPostgrestConfig({ file: fx.writeConfig(dir), env: {} });
      const { findings } = rlsAdvice(await readCatalog(client), config);
      const fromAdvisor = new Set(findings.map((f) => `${f.id}|${f.message}`));
      const warnings = overview.relations.flatMap((r) => r.warnings);
      expect(warnings.length).toBeGreaterThan(5);
      for (const w of warnings) expect(fromAdvisor).toContain(`${w.code}|${w.message}`);
    } finally {
      await client.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
