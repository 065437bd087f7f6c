import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { conformanceFile } from '../../test/conformance-dir.js';
import { createTempDatabase, pgServers, superuserQuery, uniqueSuffix, withDatabase } from '../../test/pg.js';
import { runBin } from '../../test/run-bin.js';
import { seedDemo, type DemoNames } from '../../core/embedded/demo-seed.js';
import { privilegesOf } from '../../shared/model/privilege-kinds.js';
import type { GrantsReport } from '../../core/grants/report.js';
import type { RolesReport } from '../../core/roles/report.js';

// `gatehouse grants --json`, run as a child process (npm run build first), against PostgreSQL's own
// has_*_privilege answers (core/catalog/testing/privilege-oracle.sql) for every role of the corpus fixture and
// the demo: the same set of (object, kind, privilege, column) entries, and every `via` a route PostgreSQL allows.

const ORACLE = readFileSync(
  new URL('../../core/catalog/testing/privilege-oracle.sql', import.meta.url),
  'utf8',
);

interface OracleRow {
  kind: string;
  role: string;
  schema: string | null;
  name: string;
  args: string | null;
  col: string | null;
  priv: string;
  held: boolean;
}

async function expected(uri: string, roles: readonly string[]): Promise<Map<string, Set<string>>> {
  const client = new pg.Client({ connectionString: uri });
  await client.connect();
  try {
    await client.query("SELECT pg_catalog.set_config('search_path', '', false)");
    const major =
      Number(
        (await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v,
      ) / 10000;
    const schemas = (
      await client.query<{ n: string }>(
        "SELECT nspname AS n FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'",
      )
    ).rows.map((r) => r.n);
    const { rows } = await client.query<OracleRow>(ORACLE, [
      roles,
      schemas,
      privilegesOf('table', Math.floor(major)),
      ['MEMBER'],
    ]);
    const overloads = new Map<string, Set<string>>();
    for (const r of rows)
      if (r.kind === 'function') {
        const k = `${r.schema}.${r.name}`;
        overloads.set(k, (overloads.get(k) ?? new Set()).add(r.args ?? ''));
      }
    const tableHeld = new Set(
      rows
        .filter((r) => r.kind === 'table' && r.held)
        .map((r) => `${r.role}\0${r.schema}.${r.name}\0${r.priv}`),
    );
    const out = new Map(roles.map((r) => [r, new Set<string>()]));
    for (const r of rows) {
      if (!r.held || r.kind === 'role') continue;
      let object = r.schema === null ? r.name : `${r.schema}.${r.name}`;
      if (r.kind === 'function' && (overloads.get(object)?.size ?? 0) > 1) object += `(${r.args})`;
      if (r.kind === 'column') {
        if (tableHeld.has(`${r.role}\0${object}\0${r.priv}`)) continue;
        out.get(r.role)!.add(`table ${object} ${r.priv} ${r.col}`);
      } else out.get(r.role)!.add(`${r.kind} ${object} ${r.priv} -`);
    }
    return out;
  } finally {
    await client.end();
  }
}

/** Roles `role` holds the privileges of (pg_has_role USAGE), by PostgreSQL. */
async function usageRoles(uri: string, role: string): Promise<Set<string>> {
  const { rows } = await superuserQueryUri(
    uri,
    `SELECT rolname FROM pg_roles WHERE pg_has_role($1, oid, 'USAGE')`,
    [role],
  );
  return new Set(rows.map((r) => r.rolname as string));
}

async function superuserQueryUri(uri: string, sql: string, params: unknown[]): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: uri });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

async function expectAgreement(uri: string, roles: readonly string[]): Promise<number> {
  const want = await expected(uri, roles);
  let total = 0;
  for (const role of roles) {
    const r = await runBin(['grants', '--db', uri, '--role', role, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as GrantsReport;
    expect(report.role).toBe(role);
    expect(Object.keys(report).sort()).toEqual(['privileges', 'role']);
    const got = new Set(
      report.privileges.map((p) => `${p.kind} ${p.object} ${p.privilege} ${p.column ?? '-'}`),
    );
    expect([...got].sort(), role).toEqual([...want.get(role)!].sort());
    const reachable = await usageRoles(uri, role);
    for (const p of report.privileges) {
      expect(Object.keys(p).every((k) => ['object', 'kind', 'privilege', 'column', 'via'].includes(k))).toBe(
        true,
      );
      expect(p.via === 'PUBLIC' || reachable.has(p.via), `${role} via ${p.via}`).toBe(true);
    }
    total += got.size;
  }
  return total;
}

describe.each(pgServers())('gatehouse grants agrees with has_*_privilege ($label)', (server) => {
  it('on every role of the corpus fixture', async () => {
    const suffix = uniqueSuffix();
    const roles = ['authenticator', 'anon', 'user', 'admin'].map((r) => `cf_${r}_${suffix}`);
    const sql = readFileSync(conformanceFile('fixture.sql'), 'utf8').replace(
      /\bcf_(authenticator|anon|user|admin)\b/g,
      `cf_$1_${suffix}`,
    );
    const db = await createTempDatabase(server, 'gh_grants');
    try {
      await superuserQuery(server, sql, db.name);
      expect(await expectAgreement(db.uri, roles)).toBeGreaterThan(20);
      // Functions are EXECUTE-able by PUBLIC unless revoked: the report says so.
      const user = JSON.parse(
        (await runBin(['grants', '--db', db.uri, '--role', roles[2]!, '--json'])).stdout,
      ) as GrantsReport;
      expect(user.privileges.some((p) => p.kind === 'function' && p.via === 'PUBLIC')).toBe(true);
    } finally {
      await db.drop();
      await superuserQuery(server, roles.map((r) => `DROP ROLE IF EXISTS "${r}";`).join('\n'));
    }
  });

  // The demo's view is security_invoker, which PostgreSQL 14 does not have: on 14 there is no demo to check.
  if (server.major >= 15)
    it('on every role of the demo database', async () => {
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
      const roles = [names.authenticator, names.anon, names.appUser, names.appAdmin, names.developer];
      try {
        await seedDemo(
          {
            host: url.hostname,
            port: Number(url.port),
            superuser: decodeURIComponent(url.username),
            superuserPassword: decodeURIComponent(url.password),
          },
          { developer: `dev-${sfx}`, authenticator: `auth-${sfx}` },
          names,
        );
        expect(
          await expectAgreement(withDatabase(server.superuserUri, names.database), roles),
        ).toBeGreaterThan(20);
      } finally {
        await superuserQuery(server, `DROP DATABASE IF EXISTS "${names.database}" WITH (FORCE)`);
        await superuserQuery(server, roles.map((r) => `DROP ROLE IF EXISTS "${r}";`).join('\n'));
      }
    });

  it('an unknown role exits 1 naming it; a missing --role exits 2', async () => {
    const db = await createTempDatabase(server, 'gh_grants');
    try {
      const r = await runBin(['grants', '--db', db.uri, '--role', 'no_such_role', '--json']);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('There is no role "no_such_role" in this database.');
      const u = await runBin(['grants', '--db', db.uri]);
      expect(u.status).toBe(2);
      expect(u.stderr).toContain('--role is required');
    } finally {
      await db.drop();
    }
  });
});

describe.each(pgServers())('gatehouse roles ($label)', (server) => {
  it('prints the roles, memberships with options and the PostgREST shape', async () => {
    const s = uniqueSuffix();
    const [auth, anon, user] = [`auth_${s}`, `anon_${s}`, `user_${s}`];
    const db = await createTempDatabase(server, 'gh_roles');
    try {
      await superuserQuery(
        server,
        `CREATE ROLE "${auth}" LOGIN NOINHERIT PASSWORD 'x'; CREATE ROLE "${anon}" NOLOGIN;
         CREATE ROLE "${user}" LOGIN; GRANT "${anon}" TO "${auth}"; GRANT "${user}" TO "${auth}" WITH ADMIN OPTION;
         ALTER ROLE "${user}" IN DATABASE "${db.name}" SET statement_timeout = '5s';`,
        db.name,
      );
      const conf = `db-uri = "postgres://${auth}@localhost/${db.name}"\ndb-anon-role = "${anon}"\ndb-schemas = "public"\n`;
      const file = join(mkdtempSync(join(tmpdir(), 'gh-roles-')), 'postgrest.conf');
      writeFileSync(file, conf);
      const r = await runBin(['roles', '--db', db.uri, '--config', file, '--json']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const report = JSON.parse(r.stdout) as RolesReport;
      expect(report.postgrest.authenticator).toEqual({ name: auth, source: 'config', exists: true });
      expect(report.postgrest.requestRoles).toEqual(expect.arrayContaining([anon, user]));
      expect(report.postgrest.problems.map((p) => p.message)).toContain(
        `Request role ${user} can log in: anyone with its password skips PostgREST.`,
      );
      const m = report.memberships.find((x) => x.member === auth && x.role === user);
      expect(m).toMatchObject({ admin: true, set: true, optionsFromServer: server.major >= 16 });
      // Before 16 the membership's INHERIT is the member's attribute: NOINHERIT here.
      expect(m?.inherit).toBe(false);
      const userRole = report.roles.find((x) => x.name === user);
      expect(userRole?.settings).toEqual([{ database: db.name, name: 'statement_timeout', value: '5s' }]);
      expect(report.roles.find((x) => x.name === auth)?.attributes.passwordSet).toBe(true);
      expect(r.stdout).not.toMatch(/SCRAM-SHA-256\$/);
      const text = await runBin(['roles', '--db', db.uri, '--config', file]);
      expect(text.status).toBe(0);
      expect(text.stdout).toContain(`authenticator: ${auth} (from the config)`);
      expect(text.stdout).toContain(`member of ${user} (ADMIN NOINHERIT SET`);
    } finally {
      await db.drop();
      await superuserQuery(server, [auth, anon, user].map((r) => `DROP ROLE IF EXISTS "${r}";`).join('\n'));
    }
  });
});
