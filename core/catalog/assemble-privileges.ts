import type {
  DefaultPrivilege,
  Grant,
  ObjectRef,
  Policy,
  Principal,
  Role,
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

function refSortKey(ref: ObjectRef): (string | null)[] {
  return [ref.kind, ref.schema, ref.name, ref.args ?? null, ref.member ?? null];
}

/** Decoded ACL rows → grants on model references, sorted by object, grantee, privilege, grantor. */
export function assembleGrants(rows: readonly GrantRow[], refs: ObjectRefs): Grant[] {
  const keyed: { key: (string | null)[]; grant: Grant }[] = [];
  for (const g of rows) {
    let object: ObjectRef | undefined;
    switch (g.kind) {
      case 'relation':
        object = refs.relations.get(g.oid);
        break;
      case 'sequence':
        object = refs.sequences.get(g.oid);
        break;
      case 'schema':
        object = refs.schemas.get(g.oid);
        break;
      case 'function':
        object = refs.functions.get(g.oid);
        break;
      case 'type':
        object = refs.types.get(g.oid);
        break;
      case 'database':
        object = refs.database ?? undefined;
        break;
      case 'column': {
        const rel = refs.relations.get(g.oid);
        object =
          rel && g.column_name !== null
            ? { kind: 'column', schema: rel.schema, name: rel.name, member: g.column_name }
            : undefined;
        break;
      }
    }
    if (object === undefined) continue;
    const grantee = principal(g.grantee);
    keyed.push({
      key: [...refSortKey(object), principalSortKey(grantee), g.privilege, g.grantor],
      grant: {
        object,
        grantee,
        privilege: g.privilege,
        grantor: g.grantor,
        grantable: g.grantable,
        implicit: g.implicit,
      },
    });
  }
  keyed.sort((a, b) => compareTuples(a.key, b.key));
  return keyed.map((k) => k.grant);
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
