import { conformanceFile } from '../../test/conformance-dir.js';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTempDatabase, pgServers, superuserQuery, uniqueSuffix, withDatabase } from '../../test/pg.js';
import { seedDemo, type DemoNames } from '../embedded/demo-seed.js';
import { postgrestView } from '../../shared/model/postgrest-roles.js';
import { compareWithPostgres, type OracleResult } from './testing/privilege-oracle.js';
import {
  dropSpecRolesSql,
  privilegeSpec,
  privilegeSpecSql,
  specRoleNames,
} from './testing/random-privileges.js';
import { dropRoles, fixtureRoles, ownerSetup, superuserSetup } from './testing/fixture.js';

// The model's privilege rules (shared/model/privileges.ts, role-closure.ts, effective-privileges.ts) against
// PostgreSQL's own has_*_privilege and pg_has_role, for every role × object × privilege of four databases:
// the conformance fixture, the demo, the catalog fixture and random role models (fast-check, fixed seed).

const CORPUS = conformanceFile('fixture.sql');

function expectAgreement(r: OracleResult): void {
  expect(r.mismatches.slice(0, 40)).toEqual([]);
  expect(r.trueAnswers).toBeGreaterThan(0);
  expect(r.trueAnswers).toBeLessThan(r.questions);
}

describe.each(pgServers())('privileges: the model agrees with PostgreSQL ($label)', (server) => {
  it('on the conformance fixture', async () => {
    const suffix = uniqueSuffix();
    const roles = ['authenticator', 'anon', 'user', 'admin'].map((r) => `cf_${r}_${suffix}`);
    const sql = readFileSync(CORPUS, 'utf8').replace(
      /\bcf_(authenticator|anon|user|admin)\b/g,
      `cf_$1_${suffix}`,
    );
    const db = await createTempDatabase(server, 'gh_priv');
    try {
      await superuserQuery(server, sql, db.name);
      const result = await compareWithPostgres(db.uri, roles);
      expectAgreement(result);
      // The PostgREST view of it: the authenticator inferred (LOGIN NOINHERIT, may become db-anon-role).
      const [authenticator, anon, user, admin] = roles;
      const view = postgrestView(result.catalog, { anonRole: anon!, schemas: ['api'] });
      expect(view.authenticator).toEqual({ name: authenticator, source: 'inferred', exists: true });
      expect(view.requestRoles).toEqual([admin, anon, user]);
      expect(view.anonSwitchable).toBe(true);
      expect(view.relations.length).toBeGreaterThan(5);
      expect(view.relations.every((r) => r.schema === 'api')).toBe(true);
    } finally {
      await db.drop();
      await superuserQuery(server, roles.map((r) => `DROP ROLE IF EXISTS "${r}";`).join('\n'));
    }
  });

  it('on the catalog fixture (NOINHERIT roles, membership options, column grants)', async () => {
    const roles = fixtureRoles(uniqueSuffix());
    const db = await createTempDatabase(server, 'gh_priv');
    try {
      await superuserQuery(server, superuserSetup(roles, db.name, server.major), db.name);
      await superuserQuery(server, ownerSetup(roles, server.major), db.name);
      expectAgreement(await compareWithPostgres(db.uri, Object.values(roles)));
    } finally {
      await db.drop();
      await superuserQuery(server, dropRoles(roles));
    }
  });

  // The demo's view is security_invoker, which PostgreSQL 14 does not have: on 14 there is no demo to check.
  if (server.major >= 15)
    it('on the demo database', async () => {
      const sfx = uniqueSuffix();
      const names: DemoNames = {
        database: `gh_demo_${sfx}`,
        authenticator: `authenticator_${sfx}`,
        anon: `anon_${sfx}`,
        appUser: `app_user_${sfx}`,
        appAdmin: `app_admin_${sfx}`,
        developer: `developer_${sfx}`,
      };
      const url = new URL(server.superuserUri);
      const target = {
        host: url.hostname,
        port: Number(url.port),
        superuser: decodeURIComponent(url.username),
        superuserPassword: decodeURIComponent(url.password),
      };
      const roles = [names.authenticator, names.anon, names.appUser, names.appAdmin, names.developer];
      try {
        await seedDemo(target, { developer: `dev-${sfx}`, authenticator: `auth-${sfx}` }, names);
        const result = await compareWithPostgres(withDatabase(server.superuserUri, names.database), roles);
        expectAgreement(result);
        const view = postgrestView(result.catalog, {
          authenticator: names.authenticator,
          anonRole: names.anon,
          schemas: ['api'],
        });
        expect(view.requestRoles).toEqual([names.anon, names.appAdmin, names.appUser]);
        expect(view.anonSwitchable).toBe(true);
        expect(
          postgrestView(result.catalog, { anonRole: names.anon, schemas: ['api'] }).authenticator?.name,
        ).toBe(names.authenticator);
      } finally {
        await superuserQuery(server, `DROP DATABASE IF EXISTS "${names.database}" WITH (FORCE)`);
        await superuserQuery(server, roles.map((r) => `DROP ROLE IF EXISTS "${r}";`).join('\n'));
      }
    });

  it('on the edge cases: multiranges, owners revoking from themselves, the database owner, predefined roles', async () => {
    const sfx = uniqueSuffix();
    const [owner, reader, noinherit, writer, su] = ['owner', 'reader', 'noinh', 'writer', 'su'].map(
      (r) => `gx_${r}_${sfx}`,
    );
    const roles = [owner!, reader!, noinherit!, writer!, su!];
    const db = await createTempDatabase(server, 'gh_priv');
    try {
      await superuserQuery(
        server,
        `CREATE ROLE "${owner}"; CREATE ROLE "${reader}"; CREATE ROLE "${noinherit}" NOINHERIT LOGIN;
         CREATE ROLE "${writer}"; CREATE ROLE "${su}" SUPERUSER;
         GRANT "${owner}" TO "${noinherit}"; GRANT "${reader}" TO "${owner}";
         GRANT pg_read_all_data TO "${reader}"; GRANT pg_write_all_data TO "${writer}";
         ALTER DATABASE "${db.name}" OWNER TO "${noinherit}";`,
        db.name,
      );
      await superuserQuery(
        server,
        `CREATE SCHEMA x AUTHORIZATION "${owner}";
         CREATE TYPE x.span AS RANGE (subtype = int4); ALTER TYPE x.span OWNER TO "${owner}";
         REVOKE USAGE ON TYPE x.span FROM PUBLIC;
         CREATE TABLE x.t (a int, b int); ALTER TABLE x.t OWNER TO "${owner}";
         REVOKE SELECT, UPDATE ON x.t FROM "${owner}"; GRANT SELECT (a) ON x.t TO "${writer}" WITH GRANT OPTION;
         CREATE FUNCTION x.f() RETURNS int LANGUAGE sql AS 'SELECT 1'; ALTER FUNCTION x.f() OWNER TO "${owner}";
         REVOKE EXECUTE ON FUNCTION x.f() FROM PUBLIC, "${owner}";
         CREATE SEQUENCE x.q; ALTER SEQUENCE x.q OWNER TO "${writer}"; GRANT USAGE ON SEQUENCE x.q TO PUBLIC;`,
        db.name,
      );
      expectAgreement(await compareWithPostgres(db.uri, roles));
    } finally {
      await db.drop();
      await superuserQuery(server, roles.map((r) => `DROP ROLE IF EXISTS "${r}";`).join('\n'));
    }
  });

  it('on random role models (memberships with options, grants, column grants, revokes from owners)', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(privilegeSpec(), async (spec) => {
        const suffix = uniqueSuffix();
        const db = await createTempDatabase(server, 'gh_priv');
        try {
          await superuserQuery(server, privilegeSpecSql(spec, suffix, db.name, server.major), db.name);
          const r = await compareWithPostgres(db.uri, specRoleNames(suffix));
          runs++;
          expect(r.mismatches.slice(0, 20)).toEqual([]);
        } finally {
          await db.drop();
          await superuserQuery(server, dropSpecRolesSql(suffix));
        }
      }),
      { seed: 20261201, numRuns: 12, endOnFailure: true },
    );
    expect(runs).toBe(12);
  }, 300_000);
});
