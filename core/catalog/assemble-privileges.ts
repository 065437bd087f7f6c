import { GatehouseError } from '../../shared/errors.js';
import {
  privilegeSchema,
  type DefaultPrivilege,
  type Grant,
  type ObjectRef,
  type Policy,
  type Principal,
  type Privilege,
  type Role,
} from '../../shared/model/catalog.js';
import { compareText, compareTuples } from './compare.js';
import type { ObjectRefs } from './object-refs.js';
import type { DefaultPrivilegeRow, GrantRow, PolicyRow } from './rows.js';

const PUBLIC: Principal = Object.freeze({ kind: 'public' });

/** A principal for a role name, null meaning PUBLIC. */
export function principal(name: string | null): Principal {
  return name === null ? PUBLIC : { kind: 'role', name };
}

const principalSortKey = (p: Principal): string | null => (p.kind === 'public' ? null : p.name);

/** Each privilege word to its constant: the model holds these rather than slices of the packed ACL text. */
const PRIVILEGES: ReadonlyMap<string, Privilege> = new Map(privilegeSchema.options.map((p) => [p, p]));

/**
 * Packed ACL rows (one per object, see grants.sql) → grants on model references, in the model's order: by
 * object (kind, schema, name, arguments, column), then grantee (PUBLIC first), privilege and grantor.
 * Role OIDs are named from the role list; equal principals share one object.
 */
export function assembleGrants(rows: readonly GrantRow[], refs: ObjectRefs, roles: readonly Role[]): Grant[] {
  const names = new Map(roles.map((r) => [r.oid, r.name]));
  const principals = new Map<string, Principal>([['0', PUBLIC]]);
  const principalOf = (oid: string): Principal => {
    let p = principals.get(oid);
    if (p === undefined) {
      p = Object.freeze({ kind: 'role' as const, name: names.get(Number(oid)) ?? `#${oid}` });
      principals.set(oid, p);
    }
    return p;
  };
  const grantors = new Map<string, string>();
  const grantorOf = (oid: string): string => {
    let name = grantors.get(oid);
    if (name === undefined) {
      name = names.get(Number(oid)) ?? `#${oid}`;
      grantors.set(oid, name);
    }
    return name;
  };
  const groups: { key: string; grants: Grant[] }[] = [];
  for (const row of rows) {
    const object = objectRef(row, refs);
    if (object === undefined) continue;
    // References hold only strings: frozen here, each grant can be frozen whole as it is made, and the
    // final deepFreeze skips 85,000 grants instead of walking their keys.
    Object.freeze(object);
    const grants: Grant[] = [];
    const acl = row.acl;
    // Items are `grantee,grantor,privilege,t|f` joined by ';' — read in place, without split() arrays.
    for (let at = 0; at < acl.length;) {
      const c1 = acl.indexOf(',', at);
      const c2 = acl.indexOf(',', c1 + 1);
      const c3 = acl.indexOf(',', c2 + 1);
      const end = acl.indexOf(';', c3 + 1);
      const stop = end < 0 ? acl.length : end;
      const grantee = acl.slice(at, c1);
      const grantor = acl.slice(c1 + 1, c2);
      const word = acl.slice(c2 + 1, c3);
      const privilege = PRIVILEGES.get(word);
      const grantable = acl.charCodeAt(c3 + 1) === 116; /* t */
      at = stop + 1;
      if (c1 < 0 || c2 < 0 || c3 < 0 || privilege === undefined) privilegeError(word);
      grants.push(
        Object.freeze({
          object,
          grantee: principalOf(grantee),
          privilege,
          grantor: grantorOf(grantor),
          grantable,
          implicit: row.implicit,
        }),
      );
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
