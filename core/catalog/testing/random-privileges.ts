import fc from 'fast-check';
import { privilegesOf, type PrivilegeObjectKind } from '../../../shared/model/privilege-kinds.js';

/**
 * A random role model for the privilege property test: roles (INHERIT or not, LOGIN, sometimes a superuser),
 * memberships (with random ADMIN and, on 16+, INHERIT/SET options or the defaults), predefined-role
 * memberships, a database owner, owners for a fixed set of objects, and a sequence of GRANTs (to roles or
 * PUBLIC, with grant option, on columns too) and REVOKEs (from PUBLIC and from owners).
 */
export interface PrivilegeSpec {
  readonly roles: readonly { inherit: boolean; login: boolean; superuser: boolean }[];
  readonly memberships: readonly {
    role: number;
    member: number;
    admin: boolean;
    inherit: boolean | null;
    set: boolean | null;
  }[];
  readonly predefined: readonly { role: string; member: number }[];
  readonly databaseOwner: number | null;
  readonly owners: readonly number[];
  readonly actions: readonly {
    revoke: boolean;
    object: number;
    privilege: number;
    /** -1: PUBLIC; -2 (revokes): the object's owner. */
    grantee: number;
    grantOption: boolean;
    column: number | null;
  }[];
}

const ROLES = 7;

/** The objects every generated database holds, by kind, with how to name them in GRANT. */
const OBJECTS: readonly { kind: PrivilegeObjectKind; on: string; owner: string }[] = [
  { kind: 'schema', on: 'SCHEMA s0', owner: 'SCHEMA s0' },
  { kind: 'schema', on: 'SCHEMA s1', owner: 'SCHEMA s1' },
  { kind: 'table', on: 'TABLE s0.t0', owner: 'TABLE s0.t0' },
  { kind: 'table', on: 'TABLE s0.t1', owner: 'TABLE s0.t1' },
  { kind: 'table', on: 'TABLE s1.t2', owner: 'TABLE s1.t2' },
  { kind: 'table', on: 'TABLE s1.v0', owner: 'VIEW s1.v0' },
  { kind: 'sequence', on: 'SEQUENCE s0.q0', owner: 'SEQUENCE s0.q0' },
  { kind: 'function', on: 'FUNCTION s0.f0(integer)', owner: 'FUNCTION s0.f0(integer)' },
  { kind: 'function', on: 'FUNCTION s1.f1()', owner: 'FUNCTION s1.f1()' },
  { kind: 'type', on: 'TYPE s0.e0', owner: 'TYPE s0.e0' },
  { kind: 'type', on: 'DOMAIN s0.d0', owner: 'DOMAIN s0.d0' },
  { kind: 'type', on: 'TYPE s1.r0', owner: 'TYPE s1.r0' },
];
const COLUMNS = ['a', 'b', 'c'];
const PREDEFINED = ['pg_read_all_data', 'pg_write_all_data'];

const SCHEMA_SQL = `
  CREATE SCHEMA s0; CREATE SCHEMA s1;
  CREATE TABLE s0.t0 (a int, b text, c int); CREATE TABLE s0.t1 (a int, b text, c int);
  CREATE TABLE s1.t2 (a int, b text, c int) PARTITION BY RANGE (a);
  CREATE VIEW s1.v0 AS SELECT a, b, c FROM s0.t0;
  CREATE SEQUENCE s0.q0;
  CREATE FUNCTION s0.f0(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1';
  CREATE FUNCTION s1.f1() RETURNS integer LANGUAGE sql AS 'SELECT 1';
  CREATE TYPE s0.e0 AS ENUM ('x'); CREATE DOMAIN s0.d0 AS int; CREATE TYPE s1.r0 AS RANGE (subtype = int4);`;

export function privilegeSpec(): fc.Arbitrary<PrivilegeSpec> {
  const role = fc.integer({ min: 0, max: ROLES - 1 });
  return fc
    .record({
      roles: fc.array(fc.record({ inherit: fc.boolean(), login: fc.boolean() }), {
        minLength: ROLES,
        maxLength: ROLES,
      }),
      superuser: fc.option(role, { freq: 3 }),
      memberships: fc.array(
        fc.record({
          a: role,
          b: role,
          admin: fc.boolean(),
          inherit: fc.option(fc.boolean()),
          set: fc.option(fc.boolean()),
        }),
        { maxLength: 12 },
      ),
      predefined: fc.array(fc.record({ role: fc.constantFrom(...PREDEFINED), member: role }), {
        maxLength: 2,
      }),
      databaseOwner: fc.option(role),
      owners: fc.array(role, { minLength: OBJECTS.length, maxLength: OBJECTS.length }),
      actions: fc.array(
        fc.record({
          revoke: fc.boolean(),
          object: fc.integer({ min: 0, max: OBJECTS.length - 1 }),
          privilege: fc.nat(),
          grantee: fc.integer({ min: -2, max: ROLES - 1 }),
          grantOption: fc.boolean(),
          column: fc.option(fc.integer({ min: 0, max: COLUMNS.length - 1 }), { freq: 3 }),
        }),
        { minLength: 10, maxLength: 40 },
      ),
    })
    .map(({ superuser, memberships, ...rest }) => ({
      ...rest,
      roles: rest.roles.map((r, i) => ({ ...r, superuser: i === superuser })),
      // Role a is granted to role b only when a < b: a DAG, as PostgreSQL refuses membership cycles.
      memberships: memberships
        .filter((m) => m.a !== m.b)
        .map((m) => ({
          role: Math.min(m.a, m.b),
          member: Math.max(m.a, m.b),
          admin: m.admin,
          inherit: m.inherit,
          set: m.set,
        })),
    }));
}

export const specRoleNames = (suffix: string): string[] =>
  Array.from({ length: ROLES }, (_, i) => `gp_${suffix}_${i}`);

/** The statements building a spec's database (run as the superuser in a fresh database `database`). */
export function privilegeSpecSql(
  spec: PrivilegeSpec,
  suffix: string,
  database: string,
  major: number,
): string {
  const names = specRoleNames(suffix);
  const q = (i: number) => `"${names[i]}"`;
  const out: string[] = [];
  spec.roles.forEach((r, i) =>
    out.push(
      `CREATE ROLE ${q(i)} ${r.inherit ? 'INHERIT' : 'NOINHERIT'} ${r.login ? 'LOGIN' : 'NOLOGIN'}` +
        `${r.superuser ? ' SUPERUSER' : ''};`,
    ),
  );
  const seen = new Set<string>();
  for (const m of spec.memberships) {
    if (seen.has(`${m.role} ${m.member}`)) continue;
    seen.add(`${m.role} ${m.member}`);
    const options =
      major >= 16
        ? [
            `ADMIN ${m.admin}`,
            ...(m.inherit === null ? [] : [`INHERIT ${m.inherit}`]),
            ...(m.set === null ? [] : [`SET ${m.set}`]),
          ]
        : m.admin
          ? ['ADMIN OPTION']
          : [];
    out.push(`GRANT ${q(m.role)} TO ${q(m.member)}${options.length ? ` WITH ${options.join(', ')}` : ''};`);
  }
  for (const p of spec.predefined) out.push(`GRANT ${p.role} TO ${q(p.member)};`);
  if (spec.databaseOwner !== null)
    out.push(`ALTER DATABASE "${database}" OWNER TO ${q(spec.databaseOwner)};`);
  out.push(SCHEMA_SQL);
  OBJECTS.forEach((o, i) => out.push(`ALTER ${o.owner} OWNER TO ${q(spec.owners[i]!)};`));
  for (const a of spec.actions) {
    const o = OBJECTS[a.object]!;
    const onColumn = a.column !== null && o.kind === 'table';
    const privileges = privilegesOf(onColumn ? 'column' : o.kind, major);
    const privilege = privileges[a.privilege % privileges.length]!;
    const what = onColumn ? `${privilege} (${COLUMNS[a.column!]})` : privilege;
    if (a.revoke) {
      const from = a.grantee === -1 ? 'PUBLIC' : q(a.grantee === -2 ? spec.owners[a.object]! : a.grantee);
      out.push(`REVOKE ${a.grantOption ? 'GRANT OPTION FOR ' : ''}${what} ON ${o.on} FROM ${from} CASCADE;`);
    } else {
      const to = a.grantee < 0 ? 'PUBLIC' : q(a.grantee);
      out.push(
        `GRANT ${what} ON ${o.on} TO ${to}${a.grantOption && a.grantee >= 0 ? ' WITH GRANT OPTION' : ''};`,
      );
    }
  }
  return out.join('\n');
}

export function dropSpecRolesSql(suffix: string): string {
  return specRoleNames(suffix)
    .map((n) => `DROP ROLE IF EXISTS "${n}";`)
    .join('\n');
}
