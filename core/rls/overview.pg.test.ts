import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RlsOverview } from '../../shared/contract/rls.js';
import { pgServers } from '../../test/pg.js';
import { readCatalog } from '../catalog/read-catalog.js';
import { createRlsFixture, type RlsFixture } from './testing/fixture-db.js';
import { rlsOverview } from './overview.js';

describe.each(pgServers())('RLS overview warnings ($label)', (server) => {
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
      `.replace(
          /security_invoker = true/,
          server.major >= 15 ? 'security_invoker = true' : 'security_barrier = true',
        ),
      );
      overview = rlsOverview(await readCatalog(client), {
        schemas: ['api'],
        anonRole: anon,
        authenticator: fx.role('authenticator'),
      });
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
    expect(codes('teams')).toContain('rls_off_exposed');
    expect(rel('teams').warnings[0]?.message).toContain(fx.role('anon'));
    expect(codes('notes')).not.toContain('rls_off_exposed');
  });

  it('warns on obsolete claim settings and USING (true) writes for anon', () => {
    expect(codes('gh_legacy')).toEqual(
      expect.arrayContaining(['obsolete_claim_setting', 'open_write_policy']),
    );
    expect(rel('gh_legacy').warnings.find((w) => w.code === 'obsolete_claim_setting')?.policy).toBe(
      'legacy_owner',
    );
    expect(codes('notes')).not.toContain('open_write_policy');
  });

  it('warns on policies of a table whose RLS is off, and on RLS not forced for an owner requests use', () => {
    expect(codes('gh_dead')).toContain('policy_rls_off');
    expect(codes('gh_owned')).toContain('owner_not_forced');
    expect(codes('notes')).not.toContain('owner_not_forced');
  });

  it('warns on a view over an RLS table that runs as its owner', () => {
    expect(codes('gh_notes_view')).toContain('view_owner_rights');
    if (server.major >= 15) expect(codes('gh_notes_invoker')).not.toContain('view_owner_rights');
  });
});
