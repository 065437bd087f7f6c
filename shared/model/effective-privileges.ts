import { catalogIndex, type CatalogIndex } from './catalog-index.js';
import type { Catalog, Grant, ObjectRef, Privilege } from './catalog.js';
import { PREDEFINED_GRANTS, privilegesOf, type PrivilegeObjectKind } from './privilege-kinds.js';
import { privilegeTable, rangeOf, type PrivilegeObject, type PrivilegeTable } from './privilege-table.js';
import type { EffectivePrivilege, PrivilegeSource } from './privileges.js';
import { requireRole, roleRules, type RoleClosure, type RoleRules } from './role-closure.js';

const SOURCES: readonly PrivilegeSource[] = ['direct', 'public', 'inherited', 'predefined', 'superuser'];
const GRANTABLE = 8;

/**
 * The privileges one role holds, stored column-wise (slot, route, source and grant option per entry) and turned
 * into EffectivePrivilege objects only when read: a role at the end of a long membership chain holds tens of
 * thousands, and a grants matrix reads a screenful. Entries are in model order (database, schemas, relations
 * each followed by its columns, sequences, functions, types).
 */
export class EffectivePrivilegeList implements Iterable<EffectivePrivilege> {
  readonly length: number;

  constructor(
    private readonly table: PrivilegeTable,
    readonly role: string,
    private readonly slots: Int32Array,
    private readonly routes: Int32Array,
    private readonly flags: Uint8Array,
    private readonly names: readonly string[],
  ) {
    this.length = slots.length;
  }

  at(i: number): EffectivePrivilege | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const t = this.table;
    const slot = this.slots[i]!;
    const o = t.objects[t.slotObject[slot]!]!;
    const flags = this.flags[i]!;
    const base = {
      object: o.ref,
      kind: o.kind === 'column' ? ('table' as const) : o.kind,
      privilege: o.privileges[slot - o.base]!,
      via: this.names[this.routes[i]!]!,
      source: SOURCES[flags & 7]!,
      grantable: (flags & GRANTABLE) !== 0,
    };
    return o.column === null ? base : { ...base, column: o.column };
  }

  /**
   * The compiled object entry `i` is on (shared by every role, never copied) and its privilege: for readers that
   * fold a role's tens of thousands of entries into their own shape, without an EffectivePrivilege per entry.
   */
  objectAt(i: number): PrivilegeObject {
    return this.table.objects[this.table.slotObject[this.slots[i]!]!]!;
  }

  privilegeAt(i: number): Privilege {
    const slot = this.slots[i]!;
    const o = this.table.objects[this.table.slotObject[slot]!]!;
    return o.privileges[slot - o.base]!;
  }

  /** The entry for one privilege on one object (a column: its table's ref and the column), if held. */
  find(
    object: ObjectRef,
    privilege: Privilege,
    column: string | null = null,
  ): EffectivePrivilege | undefined {
    const position = this.table.position(object, column);
    if (position < 0) return undefined;
    const o = this.table.objects[position]!;
    const i = o.privileges.indexOf(privilege);
    if (i < 0) return undefined;
    const slot = o.base + i;
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = this.slots[mid]!;
      if (s === slot) return this.at(mid);
      if (s < slot) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  *[Symbol.iterator](): Iterator<EffectivePrivilege> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }

  toArray(): EffectivePrivilege[] {
    return Array.from(this);
  }
}

/** Per-table scratch arrays, reused across calls (a generation stamp marks the slots of the current call). */
interface Scratch {
  generation: number;
  readonly stamp: Int32Array;
  readonly route: Int32Array;
  readonly flags: Uint8Array;
  readonly touched: Int32Array;
  readonly reached: Int32Array;
  readonly bits: Uint32Array;
}
const scratches = new WeakMap<PrivilegeTable, Scratch>();

function scratchOf(t: PrivilegeTable): Scratch {
  let s = scratches.get(t);
  if (s === undefined) {
    const n = t.slotCount;
    s = {
      generation: 0,
      stamp: new Int32Array(n),
      route: new Int32Array(n),
      flags: new Uint8Array(n),
      touched: new Int32Array(n),
      reached: new Int32Array(t.roleIds.size),
      bits: new Uint32Array((n >>> 5) + 1),
    };
    scratches.set(t, s);
  }
  return s;
}

/**
 * Every privilege `role` holds on every object of the model, one entry per (object, privilege[, column]). Routes
 * are tried in PostgreSQL's order — the role itself and PUBLIC, then the roles whose privileges it inherits,
 * nearest first, then predefined roles — and `via` names the first that grants it; the grant option comes from
 * any route or from having the owner's privileges. Column entries appear only where the table-level privilege is
 * not held. Superusers hold every privilege of every object.
 */
export function effectivePrivileges(model: Catalog | CatalogIndex, role: string): EffectivePrivilegeList {
  const t = privilegeTable(model);
  const rules = roleRules(t.index);
  requireRole(t.index, role);
  const s = scratchOf(t);
  const gen = ++s.generation;
  const { stamp, route, flags, touched, reached } = s;
  let count = 0;
  const names: string[] = [];

  const closure = rules.closure(role, 'USAGE');
  for (const r of closure.order) {
    const id = t.roleIds.get(r);
    if (id !== undefined) reached[id] = gen;
  }
  if (rules.isSuperuser(role)) {
    names.push(role);
    for (let slot = 0; slot < t.slotCount; slot++)
      if (t.slotParent[slot] === -1) {
        stamp[slot] = gen;
        route[slot] = 0;
        flags[slot] = 4 | GRANTABLE;
        touched[count++] = slot;
      }
  } else {
    const mark = (slots: Int32Array, grantable: Uint8Array | null, source: number) => {
      const via = names.length - 1;
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!;
        const g = grantable !== null && grantable[i] === 1 ? GRANTABLE : 0;
        if (stamp[slot] !== gen) {
          stamp[slot] = gen;
          route[slot] = via;
          flags[slot] = source | g;
          touched[count++] = slot;
        } else if (g !== 0) flags[slot]! |= GRANTABLE;
      }
    };
    const viaGrants = (grantee: string | null, name: string, source: number) => {
      const g = t.byGrantee.get(grantee);
      if (g === undefined) return;
      names.push(name);
      mark(g.slots, g.grantable, source);
    };
    viaGrants(role, role, 0);
    viaGrants(null, 'PUBLIC', 1);
    for (let i = 1; i < closure.order.length; i++) viaGrants(closure.order[i]!, closure.order[i]!, 2);
    for (const [predefined, slots] of t.predefined) {
      if (!closure.distance.has(predefined)) continue;
      names.push(predefined);
      mark(slots, null, 3);
    }
  }

  // Model order: a bit per touched slot, read back word by word (cheaper than sorting tens of thousands).
  const bits = s.bits;
  for (let i = 0; i < count; i++) bits[touched[i]! >>> 5]! |= 1 << (touched[i]! & 31);
  const sorted = touched;
  let k = 0;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!;
    if (word === 0) continue;
    bits[w] = 0;
    while (word !== 0) {
      const bit = 31 - Math.clz32(word & -word);
      sorted[k++] = (w << 5) | bit;
      word &= word - 1;
    }
  }
  const outSlots = new Int32Array(count);
  const outRoutes = new Int32Array(count);
  const outFlags = new Uint8Array(count);
  let n = 0;
  for (let i = 0; i < count; i++) {
    const slot = sorted[i]!;
    const parent = t.slotParent[slot]!;
    if (parent >= 0 && stamp[parent] === gen) continue; // held on the whole table
    const owner = t.objectOwner[t.slotObject[slot]!]!;
    outSlots[n] = slot;
    outRoutes[n] = route[slot]!;
    outFlags[n] = flags[slot]! | (owner >= 0 && reached[owner] === gen ? GRANTABLE : 0);
    n++;
  }
  return new EffectivePrivilegeList(
    t,
    role,
    outSlots.subarray(0, n),
    outRoutes.subarray(0, n),
    outFlags.subarray(0, n),
    names,
  );
}

// Each closure's roles by their place in `order` (the routes' order), built once per closure.
const orderIndexes = new WeakMap<RoleClosure, Map<string, number>>();

function orderIndex(closure: RoleClosure): Map<string, number> {
  let index = orderIndexes.get(closure);
  if (index === undefined) {
    index = new Map(closure.order.map((r, i) => [r, i]));
    orderIndexes.set(closure, index);
  }
  return index;
}

/** One object as the point query sees it: what the privilege table holds for it, read from the index alone. */
interface PointObject {
  readonly ref: ObjectRef;
  readonly kind: PrivilegeObjectKind;
  readonly owner: string;
  readonly privileges: readonly Privilege[];
  /** The ACL items that apply to it (PrivilegeTable.grantsOf). */
  readonly grants: readonly Grant[];
}

/**
 * The object PrivilegeTable would hold at `position(ref, column)`, or undefined where it holds none (a column has
 * one only when it has its own ACL items). Read from the index, so that a point query needs no compiled table:
 * building it for the bench catalog took most of the grants matrix's first paint.
 */
function pointObject(index: CatalogIndex, ref: ObjectRef, column: string | null): PointObject | undefined {
  const c = index.catalog;
  const major = c.server.major;
  const of = (kind: PrivilegeObjectKind, owner: string, grants: readonly Grant[]): PointObject => ({
    ref,
    kind,
    owner,
    privileges: privilegesOf(kind, major),
    grants,
  });
  if (column !== null) {
    if (ref.kind !== 'relation' || ref.schema === null) return undefined;
    const r = index.relation(ref.schema, ref.name);
    if (r === undefined) return undefined;
    const grants = index.columnGrantsOf(ref.schema, ref.name).filter((g) => g.object.member === column);
    if (grants.length === 0 || !r.columns.some((col) => col.name === column)) return undefined;
    return of('column', r.owner, grants);
  }
  switch (ref.kind) {
    case 'database':
      return ref.name === c.database.name ? of('database', c.database.owner, index.grantsOn(ref)) : undefined;
    case 'schema': {
      const s = index.schema(ref.name);
      return s && of('schema', s.owner, index.grantsOn(ref));
    }
    case 'relation': {
      const r = ref.schema === null ? undefined : index.relation(ref.schema, ref.name);
      return r && of('table', r.owner, index.grantsOn(ref));
    }
    case 'sequence': {
      const q = ref.schema === null ? undefined : index.sequence(ref.schema, ref.name);
      return q && of('sequence', q.owner, index.grantsOn(ref));
    }
    case 'function': {
      const f =
        ref.schema === null || ref.args === undefined
          ? undefined
          : index.functionOverload(ref.schema, ref.name, ref.args);
      return f && of('function', f.owner, index.grantsOn(ref));
    }
    case 'type': {
      const t = ref.schema === null ? undefined : index.type(ref.schema, ref.name);
      if (t === undefined) return undefined;
      const range = t.kind === 'multirange' && major >= 17 ? rangeOf(index, ref) : undefined;
      return of('type', t.owner, index.grantsOn(range ?? ref));
    }
    default:
      return undefined;
  }
}

/** The predefined roles of the server, in PREDEFINED_GRANTS order (PrivilegeTable.predefinedMask's). */
const predefinedRoles = new WeakMap<CatalogIndex, readonly string[]>();

function predefinedOf(index: CatalogIndex): readonly string[] {
  let roles = predefinedRoles.get(index);
  if (roles === undefined) {
    const major = index.catalog.server.major;
    roles = [
      ...new Set(
        PREDEFINED_GRANTS.filter((p) => major >= p.since && index.role(p.role) !== undefined).map(
          (p) => p.role,
        ),
      ),
    ];
    predefinedRoles.set(index, roles);
  }
  return roles;
}

/**
 * The route effectivePrivileges takes to one privilege of one object: the role itself, then PUBLIC, then the roles
 * it inherits from in closure order, then predefined roles; the grant option from any of those routes' ACL items
 * or from reaching the owner. Null when not held.
 */
function routeTo(
  index: CatalogIndex,
  rules: RoleRules,
  role: string,
  o: PointObject,
  privilege: Privilege,
): { via: string; source: PrivilegeSource; grantable: boolean } | null {
  if (rules.isSuperuser(role))
    return o.kind !== 'column' ? { via: role, source: 'superuser', grantable: true } : null;
  const closure = rules.closure(role, 'USAGE');
  const order = orderIndex(closure);
  let rank = Infinity;
  let via: string | null = null;
  let grantable = false;
  for (const g of o.grants) {
    if (g.privilege !== privilege) continue;
    const k = g.grantee.kind === 'public' ? 0.5 : order.get(g.grantee.name);
    if (k === undefined) continue;
    if (g.grantable) grantable = true;
    if (k < rank) {
      rank = k;
      via = g.grantee.kind === 'public' ? 'PUBLIC' : g.grantee.name;
    }
  }
  const ownerReached = closure.distance.has(o.owner);
  if (via !== null)
    return {
      via,
      source: rank === 0 ? 'direct' : rank === 0.5 ? 'public' : 'inherited',
      grantable: grantable || ownerReached,
    };
  const major = index.catalog.server.major;
  for (const predefined of predefinedOf(index))
    if (
      closure.distance.has(predefined) &&
      PREDEFINED_GRANTS.some(
        (p) =>
          p.role === predefined && major >= p.since && p.kind === o.kind && p.privileges.includes(privilege),
      )
    )
      return { via: predefined, source: 'predefined', grantable: ownerReached };
  return null;
}

/**
 * The entry `effectivePrivileges(model, role).find(object, privilege, column)` returns — the same route, source
 * and grant option — computed for that one privilege from the index (no privilege table): a grants matrix paints a
 * screenful of cells for hundreds of roles, and building each role's whole list first cost seconds on a large
 * catalog. A column entry exists only where the table-level privilege is not held.
 */
export function effectivePrivilegeOn(
  model: Catalog | CatalogIndex,
  role: string,
  object: ObjectRef,
  privilege: Privilege,
  column: string | null = null,
): EffectivePrivilege | undefined {
  const index = 'catalog' in model ? model : catalogIndex(model);
  const rules = roleRules(index);
  requireRole(index, role);
  const o = pointObject(index, object, column);
  if (o === undefined || !o.privileges.includes(privilege)) return undefined;
  if (column !== null) {
    const table = pointObject(index, object, null);
    if (table !== undefined && routeTo(index, rules, role, table, privilege) !== null) return undefined;
  }
  const route = routeTo(index, rules, role, o, privilege);
  if (route === null) return undefined;
  const entry = {
    object: o.ref,
    kind: o.kind === 'column' ? ('table' as const) : o.kind,
    privilege,
    ...route,
  };
  return column === null ? entry : { ...entry, column };
}
