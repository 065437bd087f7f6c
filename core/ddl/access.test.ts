import { describe, expect, it } from 'vitest';
import { INJECTION_NAMES } from '../../shared/sql/injection-names.js';
import {
  alterPolicy,
  alterRole,
  createPolicy,
  createRole,
  grantDefaultPrivileges,
  grantMembership,
  grantPrivileges,
  refs,
  revokeDefaultPrivileges,
  revokeMembership,
  revokePrivileges,
  setRoleSetting,
  setRowLevelSecurity,
  toScript,
} from './index.js';

const anon = { kind: 'role', name: 'anon' } as const;
const PUBLIC = { kind: 'public' } as const;

describe('grants', () => {
  it('writes object, column and routine grants with grant option and grantor', () => {
    expect(
      grantPrivileges({
        object: refs.relation('api', 'Order'),
        privileges: ['SELECT', 'UPDATE'],
        columns: ['id', 'user'],
        grantees: [anon, PUBLIC],
        withGrantOption: true,
        grantedBy: 'owner',
      }).sql,
    ).toBe(
      'GRANT SELECT (id, "user"), UPDATE (id, "user") ON TABLE api."Order" TO anon, PUBLIC WITH GRANT OPTION GRANTED BY owner',
    );
    expect(
      grantPrivileges({
        object: refs.member('column', 'api', 't', 'c'),
        privileges: ['SELECT'],
        grantees: [anon],
      }).sql,
    ).toBe('GRANT SELECT (c) ON TABLE api.t TO anon');
    expect(
      grantPrivileges({
        object: refs.function('api', 'f', 'a integer, b text'),
        privileges: 'ALL',
        grantees: [anon],
      }).sql,
    ).toBe('GRANT ALL PRIVILEGES ON ROUTINE api.f(a integer, b text) TO anon');
    expect(
      grantPrivileges({
        object: refs.database('my db'),
        privileges: ['CONNECT', 'TEMPORARY'],
        grantees: [anon],
      }).sql,
    ).toBe('GRANT CONNECT, TEMPORARY ON DATABASE "my db" TO anon');
    expect(
      grantPrivileges({ object: refs.language('plpgsql'), privileges: ['USAGE'], grantees: [anon] }).sql,
    ).toBe('GRANT USAGE ON LANGUAGE plpgsql TO anon');
    expect(
      revokePrivileges({ object: refs.language('Pl V8'), privileges: 'ALL', grantees: [PUBLIC] }).sql,
    ).toBe('REVOKE ALL PRIVILEGES ON LANGUAGE "Pl V8" FROM PUBLIC');
    expect(() =>
      grantPrivileges({ object: refs.language('sql'), privileges: ['EXECUTE'], grantees: [anon] }),
    ).toThrow(/EXECUTE does not apply to a language/);
  });

  it('revokes with GRANT OPTION FOR and CASCADE', () => {
    expect(
      revokePrivileges({
        object: refs.schema('api'),
        privileges: ['USAGE'],
        grantees: [PUBLIC],
        grantOptionFor: true,
        cascade: true,
      }).sql,
    ).toBe('REVOKE GRANT OPTION FOR USAGE ON SCHEMA api FROM PUBLIC CASCADE');
  });

  it('refuses privileges that do not apply to the object kind', () => {
    expect(() =>
      grantPrivileges({ object: refs.schema('api'), privileges: ['SELECT'], grantees: [anon] }),
    ).toThrow(/SELECT does not apply to a schema/);
    expect(() =>
      grantPrivileges({
        object: refs.relation('a', 'b'),
        privileges: ['DELETE'],
        columns: ['x'],
        grantees: [anon],
      }),
    ).toThrow(/DELETE does not apply to a column/);
    expect(() => grantPrivileges({ object: refs.schema('api'), privileges: [], grantees: [anon] })).toThrow();
    expect(() =>
      grantPrivileges({ object: refs.schema('api'), privileges: ['USAGE'], grantees: [] }),
    ).toThrow();
  });

  it('refuses function arguments that would break out of their parentheses', () => {
    for (const args of ['int); DROP TABLE x; --', 'int) TO anon; --', 'a int /* x', '(', "'"])
      expect(() =>
        grantPrivileges({
          object: refs.function('api', 'f', args),
          privileges: ['EXECUTE'],
          grantees: [anon],
        }),
      ).toThrow(/function arguments/);
  });
});

describe('roles', () => {
  it('writes attributes, limits, expiry, and a password only in the unredacted SQL', () => {
    const s = createRole('Web User', {
      canLogin: true,
      inherit: false,
      bypassRls: false,
      connectionLimit: 5,
      validUntil: '2030-01-01 00:00:00+00',
      password: "s'cr\\et",
    });
    expect(s.sql).toBe(
      `CREATE ROLE "Web User" WITH NOINHERIT LOGIN NOBYPASSRLS CONNECTION LIMIT 5 VALID UNTIL '2030-01-01 00:00:00+00' PASSWORD E's''cr\\\\et'`,
    );
    expect(s.redacted).toBe(
      `CREATE ROLE "Web User" WITH NOINHERIT LOGIN NOBYPASSRLS CONNECTION LIMIT 5 VALID UNTIL '2030-01-01 00:00:00+00' PASSWORD '********'`,
    );
    expect(toScript([s])).not.toContain('cr');
    expect(toScript([s], { secrets: true })).toContain('cr');
    expect(createRole('r').sql).toBe('CREATE ROLE r');
    expect(alterRole('r', { password: null, validUntil: null }).sql).toBe(
      "ALTER ROLE r WITH VALID UNTIL 'infinity' PASSWORD NULL",
    );
    expect(() => alterRole('r', {})).toThrow(/at least one/);
    expect(() => createRole('r', { connectionLimit: -2 })).toThrow(/connection limit/);
  });

  it('writes per-role and per-role-per-database settings, lists element by element', () => {
    expect(setRoleSetting('anon', null, 'statement_timeout', '5s').sql).toBe(
      "ALTER ROLE anon SET statement_timeout TO '5s'",
    );
    expect(setRoleSetting('anon', 'My DB', 'search_path', 'api, "My Schema", public').sql).toBe(
      `ALTER ROLE anon IN DATABASE "My DB" SET search_path TO 'api', 'My Schema', 'public'`,
    );
    expect(setRoleSetting('anon', null, 'search_path', '""').sql).toBe(
      "ALTER ROLE anon SET search_path TO ''",
    );
    expect(setRoleSetting('anon', null, 'request.jwt.claim', null).sql).toBe(
      'ALTER ROLE anon RESET request.jwt.claim',
    );
  });
});

describe('memberships', () => {
  it('writes the options of the server version', () => {
    const g = { role: 'auth', member: 'user', admin: true, inherit: false, set: true, grantedBy: 'boss' };
    expect(grantMembership(g, 16).sql).toBe(
      'GRANT auth TO "user" WITH ADMIN TRUE, INHERIT FALSE, SET TRUE GRANTED BY boss',
    );
    expect(grantMembership({ role: 'auth', member: 'u', admin: true }, 15).sql).toBe(
      'GRANT auth TO u WITH ADMIN OPTION',
    );
    expect(() => grantMembership(g, 15)).toThrow(/PostgreSQL 16/);
    expect(revokeMembership({ role: 'a', member: 'b', option: 'set' }, 16).sql).toBe(
      'REVOKE SET OPTION FOR a FROM b',
    );
    expect(revokeMembership({ role: 'a', member: 'b', option: 'admin', cascade: true }, 14).sql).toBe(
      'REVOKE ADMIN OPTION FOR a FROM b CASCADE',
    );
    expect(() => revokeMembership({ role: 'a', member: 'b', option: 'inherit' }, 15)).toThrow(
      /PostgreSQL 16/,
    );
  });
});

describe('policies and RLS', () => {
  const p = {
    schema: 'api',
    table: 'Notes',
    name: 'owner only',
    permissive: false,
    command: 'UPDATE' as const,
    roles: [anon, { kind: 'role' as const, name: 'user' }],
    using: "owner = current_setting('request.jwt.claims', true)::json->>'sub'",
    withCheck: 'true',
  };

  it('writes CREATE / ALTER POLICY with parenthesised expressions', () => {
    expect(createPolicy(p).sql).toBe(
      `CREATE POLICY "owner only" ON api."Notes"\n  AS RESTRICTIVE\n  FOR UPDATE\n  TO anon, "user"\n  USING (owner = current_setting('request.jwt.claims', true)::json->>'sub')\n  WITH CHECK (true)`,
    );
    expect(alterPolicy(p, { roles: [] }).sql).toBe(`ALTER POLICY "owner only" ON api."Notes"\n  TO PUBLIC`);
  });

  it('refuses expressions that are not one expression, and clauses the command does not take', () => {
    for (const using of [
      'true); DROP TABLE x; --',
      'true) UNION SELECT (1',
      'a) FROM t WHERE (b',
      'x), (y',
      '',
    ])
      expect(() => createPolicy({ ...p, using })).toThrow(/USING expression/);
    expect(() => createPolicy({ ...p, command: 'INSERT' })).toThrow(/INSERT policy/);
    expect(() => createPolicy({ ...p, command: 'SELECT' })).toThrow(/WITH CHECK/);
  });

  it('writes every RLS switch', () => {
    expect(setRowLevelSecurity('api', 'user', 'no_force').sql).toBe(
      'ALTER TABLE api."user" NO FORCE ROW LEVEL SECURITY',
    );
  });
});

describe('default privileges', () => {
  it('writes FOR ROLE / IN SCHEMA grants and revokes', () => {
    expect(
      grantDefaultPrivileges({
        forRole: 'dev',
        inSchema: 'api',
        objectType: 'tables',
        privileges: ['SELECT'],
        grantees: [anon],
        grantOption: true,
      }).sql,
    ).toBe(
      'ALTER DEFAULT PRIVILEGES FOR ROLE dev IN SCHEMA api GRANT SELECT ON TABLES TO anon WITH GRANT OPTION',
    );
    expect(
      revokeDefaultPrivileges({
        objectType: 'functions',
        privileges: ['EXECUTE'],
        grantees: [PUBLIC],
        cascade: true,
      }).sql,
    ).toBe('ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC CASCADE');
    expect(() =>
      grantDefaultPrivileges({
        objectType: 'schemas',
        inSchema: 'api',
        privileges: ['USAGE'],
        grantees: [anon],
      }),
    ).toThrow(/schemas/);
    expect(() =>
      grantDefaultPrivileges({ objectType: 'types', privileges: ['SELECT'], grantees: [anon] }),
    ).toThrow(/does not apply/);
  });
});

describe('injection names', () => {
  it('stay one quoted name in every builder', () => {
    for (const name of INJECTION_NAMES) {
      const s = grantPrivileges({
        object: refs.relation(name, name),
        privileges: ['SELECT'],
        columns: [name],
        grantees: [{ kind: 'role', name }],
      });
      expect(s.sql).not.toMatch(/;/u.test(name) ? /^$/ : /;/);
    }
  });
});
