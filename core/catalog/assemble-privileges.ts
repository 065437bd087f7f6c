import { GatehouseError } from '../../shared/errors.js';
import {
  type DefaultPrivilege,
  type Grant,
  type ObjectRef,
  type Policy,
  type Principal,
  type Privilege,
  type Role,
} from '../../shared/model/catalog.js';
import { compareText, compareTuples } from './compare.js';
import { readAclText } from './acl-text.js';
import type { ObjectRefs } from './object-refs.js';
import type { DefaultPrivilegeRow, GrantRow, PolicyRow } from './rows.js';

const PUBLIC: Principal = Object.freeze({ kind: 'public' });

/** A principal for a role name, null meaning PUBLIC. */
export function principal(name: string | null): Principal {
  return name === null ? PUBLIC : { kind: 'role', name };
}

const principalSortKey = (p: Principal): string | null => (p.kind === 'public' ? null : p.name);

/** aclitemout's privilege letters (ACL_ALL_RIGHTS_STR), each to the privilege the model names. */
const PRIVILEGE_LETTERS: ReadonlyMap<string, Privilege> = new Map<string, Privilege>([
  ['a', 'INSERT'],
  ['r', 'SELECT'],
  ['w', 'UPDATE'],
  ['d', 'DELETE'],
  ['D', 'TRUNCATE'],
  ['x', 'REFERENCES'],
  ['t', 'TRIGGER'],
  ['X', 'EXECUTE'],
  ['U', 'USAGE'],
  ['C', 'CREATE'],
  ['T', 'TEMPORARY'],
  ['c', 'CONNECT'],
  ['m', 'MAINTAIN'],
]);

/**
 * ACL rows (one per object, aclitem[] text, see grants.sql) → grants on model references, in the model's
 * order: by object (kind, schema, name, arguments, column), then grantee (PUBLIC first), privilege and
 * grantor. A role that no longer exists (printed as its OID) is named `#oid`; equal principals share one
 * object.
 */
export function assembleGrants(rows: readonly GrantRow[], refs: ObjectRefs, roles: readonly Role[]): Grant[] {
  const known = new Set(roles.map((r) => r.name));
  const roleName = (name: string): string => (known.has(name) || !/^[0-9]+$/.test(name) ? name : `#${name}`);
  const principals = new Map<string, Principal>();
  const principalOf = (name: string): Principal => {
    let p = principals.get(name);
    if (p === undefined) {
      p = Object.freeze({ kind: 'role' as const, name: roleName(name) });
      principals.set(name, p);
    }
    return p;
  };
  const grantors = new Map<string, string>();
  const grantorOf = (name: string): string => {
    let n = grantors.get(name);
    if (n === undefined) grantors.set(name, (n = roleName(name)));
    return n;
  };
  const groups: { key: string; grants: Grant[] }[] = [];
  for (const row of rows) {
    const object = objectRef(row, refs);
    if (object === undefined) continue;
    // References hold only strings: frozen here, each grant can be frozen whole as it is made, and the
    // final deepFreeze skips 85,000 grants instead of walking their keys.
    Object.freeze(object);
    const grants: Grant[] = [];
    try {
      readAclText(row.acl, (i) => {
        const grantee = i.grantee === null ? PUBLIC : principalOf(i.grantee);
        const grantor = grantorOf(i.grantor);
        const letters = i.privileges;
        for (let at = 0; at < letters.length; at++) {
          const letter = letters[at]!;
          const privilege = PRIVILEGE_LETTERS.get(letter);
          if (privilege === undefined) privilegeError(letter);
          const grantable = letters.charCodeAt(at + 1) === 42; /* * */
          if (grantable) at++;
          grants.push(
            Object.freeze({ object, grantee, privilege, grantor, grantable, implicit: row.implicit }),
          );
        }
      });
    } catch (error) {
      if (error instanceof GatehouseError) throw error;
      throw new GatehouseError('GH202', 'The catalog query grants.sql returned an ACL it cannot read.', {
        details: error instanceof Error ? error.message : String(error),
        hint: 'This PostgreSQL version prints privileges differently than expected; please report it with the server version.',
      });
    }
    if (grants.length > 1) grants.sort(compareGrantsOnOneObject);
    groups.push({ key: sortKey(object), grants });
  }
  groups.sort((a, b) => compareText(a.key, b.key));
  const out: Grant[] = [];
  for (const { grants } of groups) for (const grant of grants) out.push(grant);
  return out;
}

function privilegeError(privilege: string): never {
  throw new GatehouseError(
    'GH202',
    `The catalog query grants.sql returned an unknown privilege "${privilege}".`,
    {
      hint: 'This PostgreSQL version has a privilege Gatehouse does not know yet; please report it.',
    },
  );
}

function objectRef(g: GrantRow, refs: ObjectRefs): ObjectRef | undefined {
  switch (g.kind) {
    case 'relation':
      return refs.relations.get(g.oid);
    case 'sequence':
      return refs.sequences.get(g.oid);
    case 'schema':
      return refs.schemas.get(g.oid);
    case 'function':
      return refs.functions.get(g.oid);
    case 'type':
      return refs.types.get(g.oid);
    case 'database':
      return refs.database ?? undefined;
    case 'language':
      return refs.languages.get(g.oid);
    case 'column': {
      const rel = refs.relations.get(g.oid);
      return rel === undefined || g.column_name === null
        ? undefined
        : { kind: 'column', schema: rel.schema, name: rel.name, member: g.column_name };
    }
  }
}

/** NUL sorts before every character, so joined keys order like the tuples (absent parts first). */
function sortKey(ref: ObjectRef): string {
  return `${ref.kind}\0${ref.schema ?? ''}\0${ref.name}\0${ref.args ?? ''}\0${ref.member ?? ''}`;
}

function compareGrantsOnOneObject(a: Grant, b: Grant): number {
  if (a.grantee !== b.grantee) {
    if (a.grantee.kind === 'public') return -1;
    if (b.grantee.kind === 'public') return 1;
    const c = compareText(a.grantee.name, b.grantee.name);
    if (c !== 0) return c;
  }
  return compareText(a.privilege, b.privilege) || compareText(a.grantor, b.grantor);
}

/** pg_default_acl rows (one per decoded grant) → one entry per role, schema and object type. */
export function assembleDefaultPrivileges(rows: readonly DefaultPrivilegeRow[]): DefaultPrivilege[] {
  const entries = new Map<
    string,
    { entry: DefaultPrivilege; grants: DefaultPrivilege['grants'][number][] }
  >();
  for (const r of rows) {
    const key = `${r.role}\0${r.schema ?? ''}\0${r.object_type}`;
    let e = entries.get(key);
    if (e === undefined) {
      const grants: DefaultPrivilege['grants'][number][] = [];
      e = { entry: { role: r.role, schema: r.schema, objectType: r.object_type, grants }, grants };
      entries.set(key, e);
    }
    if (r.privilege !== null && r.grantor !== null) {
      e.grants.push({
        grantee: principal(r.grantee_is_public ? null : r.grantee),
        privilege: r.privilege,
        grantor: r.grantor,
        grantable: r.grantable ?? false,
      });
    }
  }
  for (const { grants } of entries.values()) {
    grants.sort((a, b) =>
      compareTuples([principalSortKey(a.grantee), a.privilege], [principalSortKey(b.grantee), b.privilege]),
    );
  }
  return [...entries.values()]
    .map((e) => e.entry)
    .sort((a, b) => compareTuples([a.role, a.schema, a.objectType], [b.role, b.schema, b.objectType]));
}

/** Policies with their TO roles named (OID 0 is PUBLIC), PUBLIC first then by name. */
export function assemblePolicies(rows: readonly PolicyRow[], roles: readonly Role[]): Policy[] {
  const roleName = new Map(roles.map((r) => [r.oid, r.name]));
  return rows.map((p) => ({
    schema: p.schema,
    table: p.table_name,
    name: p.name,
    permissive: p.permissive,
    command: p.command,
    roles: p.role_oids
      .map((oid) => (oid === 0 ? PUBLIC : principal(roleName.get(oid) ?? `#${oid}`)))
      .sort((a, b) => (a.kind === 'public' ? -1 : b.kind === 'public' ? 1 : compareText(a.name, b.name))),
    using: p.using_expr,
    withCheck: p.with_check_expr,
    comment: p.comment,
  }));
}
