import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, Principal } from '../../shared/model/catalog.js';
import { INJECTION_NAMES } from '../../shared/sql/injection-names.js';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
} from '../../test/pg.js';
import {
  createPolicy,
  createRole,
  dropRole,
  grantDefaultPrivileges,
  grantMembership,
  grantPrivileges,
  quoteIdent,
  quoteQualified,
  refs,
  renamePolicy,
  revokePrivileges,
  setRoleSetting,
  setRowLevelSecurity,
  type Statement,
} from './index.js';
import { readModel, runStatements, suffixed } from './testing/run.js';

// Roles, grants, memberships, policies and RLS written by the builders for objects and roles named with every
// injection name, applied to a real server and read back through the catalog.
describe.each(pgServers())('access builders against $label', (server) => {
  let db: TempDatabase;
  let model: Catalog;
  const suffix = uniqueSuffix();
  const roleNames = [...new Set(INJECTION_NAMES.map((n) => suffixed(n, suffix)))];
  const names = INJECTION_NAMES.slice(0, 30);
  const role = (i: number) => roleNames[i % roleNames.length] as string;
  const asRole = (name: string): Principal => ({ kind: 'role', name });

  beforeAll(async () => {
    db = await createTempDatabase(server);
    const cluster: Statement[] = [];
    for (const [i, r] of roleNames.entries()) {
      cluster.push(
        createRole(r, {
          canLogin: i % 2 === 0,
          inherit: i % 3 !== 0,
          connectionLimit: i,
          validUntil: '2031-02-03T04:05:06Z',
          password: `pw'\\${r}`,
        }),
      );
      cluster.push(setRoleSetting(r, null, 'search_path', `"${r.replaceAll('"', '""')}", public`));
      cluster.push(setRoleSetting(r, db.name, 'statement_timeout', '7s'));
    }
    for (let i = 1; i < roleNames.length; i++)
      cluster.push(
        grantMembership(
          {
            role: role(0),
            member: role(i),
            admin: i % 2 === 0,
            ...(server.major >= 16 ? { inherit: i % 3 === 0, set: i % 4 !== 0 } : {}),
          },
          server.major,
        ),
      );
    await runStatements(db.uri, cluster);

    // objects named with every injection name (created with the quoter, the builders grant and police them)
    const objects: Statement[] = [];
    const raw: string[] = [];
    for (const [i, n] of names.entries()) {
      raw.push(`CREATE SCHEMA ${quoteIdent(n)}`);
      raw.push(`CREATE TABLE ${quoteQualified(n, n)} (${quoteIdent(n)} int, other int)`);
      objects.push(
        grantPrivileges({ object: refs.schema(n), privileges: ['USAGE'], grantees: [asRole(role(i))] }),
      );
      objects.push(
        grantPrivileges({
          object: refs.relation(n, n),
          privileges: ['SELECT', 'UPDATE'],
          columns: [n],
          grantees: [asRole(role(i + 1))],
          withGrantOption: true,
        }),
      );
      objects.push(
        grantPrivileges({
          object: refs.relation(n, n),
          privileges: ['SELECT', 'DELETE'],
          grantees: [asRole(role(i))],
        }),
      );
      objects.push(
        revokePrivileges({
          object: refs.relation(n, n),
          privileges: ['DELETE'],
          grantees: [asRole(role(i))],
        }),
      );
      objects.push(setRowLevelSecurity(n, n, 'enable'), setRowLevelSecurity(n, n, 'force'));
      objects.push(
        createPolicy({
          schema: n,
          table: n,
          name: n,
          permissive: i % 2 === 0,
          command: 'UPDATE',
          roles: i % 5 === 0 ? [{ kind: 'public' }] : [asRole(role(i)), asRole(role(i + 3))],
          using: `${quoteIdent(n)} > 0`,
          withCheck: `other = ${i}`,
        }),
      );
      objects.push(renamePolicy({ schema: n, table: n, name: n }, `${n.slice(0, 40)}!`));
      objects.push(
        grantDefaultPrivileges({
          forRole: role(i),
          inSchema: n,
          objectType: 'tables',
          privileges: ['SELECT'],
          grantees: [asRole(role(i + 2))],
        }),
      );
    }
    await superuserQuery(server, raw.join(';\n'), db.name);
    await runStatements(db.uri, objects);
    model = await readModel(db.uri);
  });

  afterAll(async () => {
    await db?.drop();
    await runStatements(
      server.superuserUri,
      roleNames.map((r) => dropRole(r, { ifExists: true })),
    );
  });

  it('creates every role with its attributes, password and settings', () => {
    for (const [i, r] of roleNames.entries()) {
      const found = model.roles.find((x) => x.name === r);
      expect(found, r).toMatchObject({
        canLogin: i % 2 === 0,
        inherit: i % 3 !== 0,
        connectionLimit: i,
        validUntil: '2031-02-03T04:05:06Z',
        hasPassword: true,
      });
      // PostgreSQL stores list elements quoted only where needed
      expect(found?.settings).toEqual([{ name: 'search_path', value: `${quoteIdent(r)}, public` }]);
      expect(model.roleSettings).toContainEqual({
        role: r,
        database: db.name,
        settings: [{ name: 'statement_timeout', value: '7s' }],
      });
    }
  });

  it('grants memberships with the options of the server version', () => {
    for (let i = 1; i < roleNames.length; i++) {
      const m = model.memberships.find((x) => x.role === role(0) && x.member === role(i));
      expect(m?.admin, role(i)).toBe(i % 2 === 0);
      if (server.major >= 16) expect(m).toMatchObject({ inherit: i % 3 === 0, set: i % 4 !== 0 });
    }
  });

  it('grants and revokes on schemas, tables and columns, and polices every table', () => {
    for (const [i, n] of names.entries()) {
      const on = model.grants.filter(
        (g) => g.object.schema === n || (g.object.kind === 'schema' && g.object.name === n),
      );
      const by = (kind: string, grantee: string) =>
        on
          .filter((g) => g.object.kind === kind && g.grantee.kind === 'role' && g.grantee.name === grantee)
          .map(
            (g) =>
              `${g.privilege}${g.object.member !== undefined ? `(${g.object.member})` : ''}${g.grantable ? '*' : ''}`,
          )
          .sort();
      expect(by('schema', role(i)), n).toEqual(['USAGE']);
      expect(by('relation', role(i)), n).toEqual(['SELECT']);
      expect(by('column', role(i + 1)), n).toEqual([`SELECT(${n})*`, `UPDATE(${n})*`].sort());
      const table = model.relations.find((r) => r.schema === n && r.name === n);
      expect(table, n).toMatchObject({ rlsEnabled: true, rlsForced: true });
      const policy = model.policies.find((p) => p.schema === n && p.table === n);
      expect(policy, n).toMatchObject({
        name: `${n.slice(0, 40)}!`,
        permissive: i % 2 === 0,
        command: 'UPDATE',
        withCheck: `(other = ${i})`,
      });
      expect(policy?.roles).toEqual(
        i % 5 === 0 ? [{ kind: 'public' }] : expect.arrayContaining([asRole(role(i)), asRole(role(i + 3))]),
      );
      const dp = model.defaultPrivileges.find((d) => d.role === role(i) && d.schema === n);
      expect(dp?.grants.map((g) => g.grantee)).toEqual([asRole(role(i + 2))]);
    }
  });
});
