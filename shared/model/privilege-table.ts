import { catalogIndex, type CatalogIndex } from './catalog-index.js';
import { refKey, type Catalog, type Grant, type ObjectRef, type Privilege } from './catalog.js';
import { PREDEFINED_GRANTS, privilegesOf, type PrivilegeObjectKind } from './privilege-kinds.js';

/** One object privileges are held on. Columns appear only where the column has its own ACL (attacl). */
export interface PrivilegeObject {
  /** The object's reference; for a column, its table's (`kind: 'relation'`). */
  readonly ref: ObjectRef;
  readonly kind: PrivilegeObjectKind;
  readonly column: string | null;
  /** Owner role name (for a column, the table's owner): it always holds every grant option. */
  readonly owner: string;
  readonly privileges: readonly Privilege[];
  /** The first slot: slot `base + i` is (this object, privileges[i]). */
  readonly base: number;
}

/** The ACL items of one grantee: the slots it is granted and whether with grant option. */
export interface GranteeSlots {
  readonly slots: Int32Array;
  readonly grantable: Uint8Array;
}

/**
 * The model's privileges compiled for fast evaluation: every (object, privilege) pair is a numbered slot, and
 * each grantee's ACL items are arrays of slots. Built once per model (cached), shared by the point queries and
 * the effective-privilege lists.
 */
export class PrivilegeTable {
  readonly objects: PrivilegeObject[] = [];
  /** Slot → its object's position in `objects`. */
  readonly slotObject: Int32Array;
  /** Slot → the table slot of the same privilege for column slots, else -1. */
  readonly slotParent: Int32Array;
  /** Object position → its owner's position in the model's role list (-1 when the owner is not listed). */
  readonly objectOwner: Int32Array;
  /** Role name → position in the model's role list. */
  readonly roleIds: ReadonlyMap<string, number>;
  /** Grants by grantee role name; PUBLIC's under `null`. */
  readonly byGrantee = new Map<string | null, GranteeSlots>();
  /** Object position → the ACL items (model grants) that apply to it, for point queries. */
  readonly grantsOf: readonly (readonly Grant[])[];
  /** Predefined roles → the slots they hold on every object of a kind. */
  readonly predefined = new Map<string, Int32Array>();
  /** The same as a slot mask (1 = held), for point queries. */
  readonly predefinedMask = new Map<string, Uint8Array>();
  readonly slotCount: number;
  private readonly positions = new Map<string, number>();

  constructor(readonly index: CatalogIndex) {
    const c = index.catalog;
    const major = c.server.major;
    let slots = 0;
    const add = (ref: ObjectRef, kind: PrivilegeObjectKind, owner: string, column: string | null = null) => {
      const privileges = privilegesOf(kind, major);
      const o: PrivilegeObject = { ref, kind, column, owner, privileges, base: slots };
      this.positions.set(column === null ? refKey(ref) : `${refKey(ref)}\0${column}`, this.objects.length);
      this.objects.push(o);
      slots += privileges.length;
      return o;
    };
    const sources: { o: PrivilegeObject; grants: readonly Grant[] }[] = [];
    const d = c.database;
    const dbRef: ObjectRef = { kind: 'database', schema: null, name: d.name };
    sources.push({ o: add(dbRef, 'database', d.owner), grants: index.grantsOn(dbRef) });
    for (const s of c.schemas) {
      const ref: ObjectRef = { kind: 'schema', schema: null, name: s.name };
      sources.push({ o: add(ref, 'schema', s.owner), grants: index.grantsOn(ref) });
    }
    const columnParents: { column: PrivilegeObject; table: PrivilegeObject }[] = [];
    for (const r of c.relations) {
      const ref: ObjectRef = { kind: 'relation', schema: r.schema, name: r.name };
      const table = add(ref, 'table', r.owner);
      sources.push({ o: table, grants: index.grantsOn(ref) });
      const columnGrants = index.columnGrantsOf(r.schema, r.name);
      if (columnGrants.length === 0) continue;
      const cols = new Map<string, Grant[]>();
      for (const g of columnGrants) {
        const list = cols.get(g.object.member ?? '');
        if (list === undefined) cols.set(g.object.member ?? '', [g]);
        else list.push(g);
      }
      for (const col of r.columns) {
        const grants = cols.get(col.name);
        if (grants === undefined) continue;
        const column = add(ref, 'column', r.owner, col.name);
        sources.push({ o: column, grants });
        columnParents.push({ column, table });
      }
    }
    for (const s of c.sequences) {
      const ref: ObjectRef = { kind: 'sequence', schema: s.schema, name: s.name };
      sources.push({ o: add(ref, 'sequence', s.owner), grants: index.grantsOn(ref) });
    }
    for (const f of c.functions) {
      const ref: ObjectRef = { kind: 'function', schema: f.schema, name: f.name, args: f.identityArgs };
      sources.push({ o: add(ref, 'function', f.owner), grants: index.grantsOn(ref) });
    }
    for (const t of c.types) {
      const ref: ObjectRef = { kind: 'type', schema: t.schema, name: t.name };
      // A multirange cannot be granted on: 17 and 18 consult its range type (pg_type_aclmask); 14, 15 and 16
      // check the multirange's own (always default) ACL (tested on 14–18).
      const range = t.kind === 'multirange' && major >= 17 ? rangeOf(index, ref) : undefined;
      sources.push({ o: add(ref, 'type', t.owner), grants: index.grantsOn(range ?? ref) });
    }

    this.slotCount = slots;
    this.slotObject = new Int32Array(slots);
    this.slotParent = new Int32Array(slots).fill(-1);
    this.objects.forEach((o, i) => this.slotObject.fill(i, o.base, o.base + o.privileges.length));
    const roleIds = new Map(c.roles.map((r, i) => [r.name, i]));
    this.roleIds = roleIds;
    this.objectOwner = Int32Array.from(this.objects, (o) => roleIds.get(o.owner) ?? -1);
    for (const { column, table } of columnParents)
      column.privileges.forEach((p, i) => {
        this.slotParent[column.base + i] = table.base + table.privileges.indexOf(p);
      });

    this.grantsOf = sources.map((x) => x.grants);
    const collect = new Map<string | null, { slots: number[]; grantable: number[] }>();
    for (const { o, grants } of sources) {
      for (const g of grants) {
        const i = o.privileges.indexOf(g.privilege);
        if (i < 0) continue;
        const slot = o.base + i;
        const grantee = g.grantee.kind === 'public' ? null : g.grantee.name;
        let list = collect.get(grantee);
        if (list === undefined) collect.set(grantee, (list = { slots: [], grantable: [] }));
        list.slots.push(slot);
        list.grantable.push(g.grantable ? 1 : 0);
      }
    }
    for (const [grantee, l] of collect)
      this.byGrantee.set(grantee, {
        slots: Int32Array.from(l.slots),
        grantable: Uint8Array.from(l.grantable),
      });

    // Predefined roles: one pass over the objects collects every role's slots.
    const predefined = PREDEFINED_GRANTS.filter((p) => major >= p.since && index.role(p.role) !== undefined);
    const held = new Map<string, number[]>(predefined.map((p) => [p.role, []]));
    for (const o of this.objects)
      for (const p of predefined) {
        if (o.kind !== p.kind) continue;
        const list = held.get(p.role)!;
        for (const priv of p.privileges) {
          const i = o.privileges.indexOf(priv);
          if (i >= 0) list.push(o.base + i);
        }
      }
    for (const [role, slots] of held) {
      this.predefined.set(role, Int32Array.from(slots));
      const mask = new Uint8Array(this.slotCount);
      for (const slot of slots) mask[slot] = 1;
      this.predefinedMask.set(role, mask);
    }
  }

  /** The position of an object in `objects` (a column: its table's ref plus the column name), or -1. */
  position(ref: ObjectRef, column: string | null = null): number {
    return this.positions.get(column === null ? refKey(ref) : `${refKey(ref)}\0${column}`) ?? -1;
  }
}

/**
 * The range type a multirange belongs to. The model keeps no pg_range link for multiranges, but PostgreSQL always
 * creates their constructor functions, named like the multirange, in its schema, taking one range.
 */
export function rangeOf(index: CatalogIndex, multirange: ObjectRef): ObjectRef | undefined {
  if (multirange.schema === null) return undefined;
  for (const f of index.functions(multirange.schema, multirange.name)) {
    const arg = f.args.length === 1 ? f.args[0] : undefined;
    if (
      arg?.type.kind === 'range' &&
      f.returns.type.name === multirange.name &&
      f.returns.type.schema === multirange.schema
    )
      return { kind: 'type', schema: arg.type.schema, name: arg.type.name };
  }
  return undefined;
}

const cache = new WeakMap<CatalogIndex, PrivilegeTable>();

/** The compiled privileges of a model (or its index), built on first use and cached. */
export function privilegeTable(model: Catalog | CatalogIndex): PrivilegeTable {
  const index = 'catalog' in model ? model : catalogIndex(model);
  let t = cache.get(index);
  if (t === undefined) {
    t = new PrivilegeTable(index);
    cache.set(index, t);
  }
  return t;
}
