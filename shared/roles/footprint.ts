import { catalogIndex, type CatalogIndex } from '../model/catalog-index.js';
import { refKey, refLabel, type Catalog, type ObjectRef } from '../model/catalog.js';

/**
 * What stands in the way of DROP ROLE in this database: what the role owns (REASSIGN OWNED moves it, DROP OWNED
 * drops it), the privileges granted to it (DROP OWNED revokes them), its default privileges, and its memberships
 * (DROP ROLE removes those itself). Other databases of the cluster can hold more: PostgreSQL reports those.
 */
export interface RoleFootprint {
  readonly role: string;
  readonly owns: readonly { readonly ref: ObjectRef; readonly label: string }[];
  readonly privileges: readonly {
    readonly ref: ObjectRef;
    readonly label: string;
    readonly privilege: string;
  }[];
  readonly defaultPrivileges: number;
  readonly memberOf: readonly string[];
  readonly members: readonly string[];
  readonly ownsDatabase: boolean;
}

export function roleFootprint(model: Catalog | CatalogIndex, role: string): RoleFootprint {
  const index = 'catalog' in model ? model : catalogIndex(model);
  const c = index.catalog;
  const owns: { ref: ObjectRef; label: string }[] = [];
  const add = (ref: ObjectRef) => owns.push({ ref, label: `${ref.kind} ${refLabel(ref)}` });
  for (const s of c.schemas) if (s.owner === role) add({ kind: 'schema', schema: null, name: s.name });
  for (const r of c.relations)
    if (r.owner === role) add({ kind: 'relation', schema: r.schema, name: r.name });
  for (const s of c.sequences)
    if (s.owner === role && s.ownedBy === null) add({ kind: 'sequence', schema: s.schema, name: s.name });
  for (const f of c.functions)
    if (f.owner === role) add({ kind: 'function', schema: f.schema, name: f.name, args: f.identityArgs });
  for (const t of c.types) if (t.owner === role) add({ kind: 'type', schema: t.schema, name: t.name });
  // An owner's ACL items on its own objects go with the objects (they are not shared dependencies).
  const owned = new Set(owns.map((o) => refKey(o.ref)));
  const ownedRef = (ref: ObjectRef) =>
    owned.has(refKey(ref.kind === 'column' ? { kind: 'relation', schema: ref.schema, name: ref.name } : ref));
  const privileges = index
    .grantsTo(role)
    .filter((g) => !g.implicit && !ownedRef(g.object))
    .map((g) => ({ ref: g.object, label: `${g.object.kind} ${refLabel(g.object)}`, privilege: g.privilege }));
  return {
    role,
    owns,
    privileges,
    defaultPrivileges: c.defaultPrivileges.filter(
      (d) => d.role === role || d.grants.some((g) => g.grantee.kind === 'role' && g.grantee.name === role),
    ).length,
    memberOf: index.membershipsOf(role).map((m) => m.role),
    members: index.membersOf(role).map((m) => m.member),
    ownsDatabase: c.database.owner === role,
  };
}

/** Whether DROP ROLE alone would fail in this database. */
export function blocksDrop(f: RoleFootprint): boolean {
  return f.owns.length > 0 || f.privileges.length > 0 || f.defaultPrivileges > 0 || f.ownsDatabase;
}
