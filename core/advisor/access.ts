import type { Catalog } from '../../shared/model/catalog.js';
import { effectivePrivileges } from '../../shared/model/effective-privileges.js';
import { hasSchemaPrivilege } from '../../shared/model/privileges.js';
import { pgHasRole, roleRules } from '../../shared/model/role-closure.js';

/** The data privileges a relation endpoint needs, and for each: the whole relation, or some columns. */
export type DataPrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
export type RelationGrants = Partial<Record<DataPrivilege, 'all' | readonly string[]>>;

/**
 * The privilege questions the advisor asks, answered by shared/model's privilege rules (PostgreSQL's own, with
 * role closure per server version): nothing here decides who holds what, it only groups the answers the way the
 * findings and the reach map read them.
 */
export interface Access {
  /** `schema\0name` → the data privileges `role` holds on that relation (tables and columns). */
  relations(role: string): ReadonlyMap<string, RelationGrants>;
  /** `schema\0name\0identity args` of every function `role` may execute. */
  functions(role: string): ReadonlySet<string>;
  schemaUsage(role: string, schema: string): boolean;
  /** pg_has_role(role, target, 'USAGE'): `role` holds `target`'s privileges (owner rights included). */
  hasPrivilegesOf(role: string, target: string): boolean;
  /** pg_has_role(role, target, 'SET'): `role` may SET ROLE to `target` (the server version's rule). */
  canSetRole(role: string, target: string): boolean;
  isSuperuser(role: string): boolean;
}

const DATA = new Set<string>(['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
const DATA_ORDER: readonly DataPrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
/** The grants of a relation held whole, by bit mask of DATA_ORDER: shared by every role and relation alike. */
const WHOLE: readonly RelationGrants[] = Array.from({ length: 16 }, (_, mask) =>
  Object.freeze(
    Object.fromEntries(DATA_ORDER.filter((_, i) => (mask & (1 << i)) !== 0).map((p) => [p, 'all' as const])),
  ),
);
export const relationKey = (schema: string, name: string): string => `${schema}\0${name}`;
export const functionKey = (schema: string, name: string, args: string): string =>
  `${schema}\0${name}\0${args}`;

/** A kept answer per (a, b): nested maps, not `${a}\0${b}` keys (a run asks millions, the strings were garbage). */
function memo(
  cache: Map<string, Map<string, boolean>>,
  a: string,
  b: string,
  compute: () => boolean,
): boolean {
  let inner = cache.get(a);
  if (inner === undefined) cache.set(a, (inner = new Map()));
  let v = inner.get(b);
  if (v === undefined) {
    v = compute();
    inner.set(b, v);
  }
  return v;
}

/**
 * One role's relation grants, by the relation's place in the model (one array per role, shared keys): a Map per
 * role with an entry per relation it holds (1.77M entries for 300 request roles) was much of a run's garbage.
 * Iterates in model order, as the entries were met.
 */
class RoleRelations implements ReadonlyMap<string, RelationGrants> {
  size = 0;

  constructor(
    private readonly positions: ReadonlyMap<string, number>,
    private readonly keyList: readonly string[],
    readonly grants: (RelationGrants | undefined)[],
  ) {}

  get(key: string): RelationGrants | undefined {
    const i = this.positions.get(key);
    return i === undefined ? undefined : this.grants[i];
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  forEach(f: (value: RelationGrants, key: string, map: ReadonlyMap<string, RelationGrants>) => void): void {
    const g = this.grants;
    for (let i = 0; i < g.length; i++) if (g[i] !== undefined) f(g[i]!, this.keyList[i]!, this);
  }
  *entries(): MapIterator<[string, RelationGrants]> {
    const g = this.grants;
    for (let i = 0; i < g.length; i++) if (g[i] !== undefined) yield [this.keyList[i]!, g[i]!];
  }
  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): MapIterator<RelationGrants> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator](): MapIterator<[string, RelationGrants]> {
    return this.entries();
  }
}

/** The Access of one model, each role's privileges computed once (shared/model's effectivePrivileges). */
export function modelAccess(catalog: Catalog): Access {
  const rules = roleRules(catalog);
  const known = new Set(catalog.roles.map((r) => r.name));
  const relationCache = new Map<string, RoleRelations>();
  const keyList = catalog.relations.map((r) => relationKey(r.schema, r.name));
  const positions = new Map(keyList.map((k, i) => [k, i]));
  const empty = new RoleRelations(positions, keyList, []);
  const functionCache = new Map<string, Set<string>>();
  const schemas = new Set(catalog.schemas.map((x) => x.name));
  const places = new WeakMap<object, number>();
  const usage = new Map<string, Map<string, boolean>>();
  const privsOf = new Map<string, Map<string, boolean>>();
  const load = (role: string): void => {
    const relations = new RoleRelations(
      positions,
      keyList,
      new Array<RelationGrants | undefined>(keyList.length),
    );
    const byPlace = relations.grants;
    const functions = new Set<string>();
    if (known.has(role)) {
      // Entries come in model order (an object, then its columns): the key is looked up once per object, and
      // kept per reference for the next role (hundreds of request roles hold the same thousands of tables).
      let lastRef: unknown = null;
      let last = -1;
      let grants: { [P in DataPrivilege]?: 'all' | string[] } = {};
      // A relation held whole for every privilege gets one of the shared frozen records, not its own.
      const settle = () => {
        if (lastRef === null) return;
        let mask = 0;
        for (let i = 0; i < DATA_ORDER.length; i++) {
          const v = grants[DATA_ORDER[i]!];
          if (v === undefined) continue;
          if (v !== 'all') return;
          mask |= 1 << i;
        }
        byPlace[last] = WHOLE[mask]!;
      };
      // Read entry by entry from the compiled list: an EffectivePrivilege object per entry (tens of thousands
      // per role, hundreds of roles) was most of a run's garbage.
      const list = effectivePrivileges(catalog, role);
      for (let i = 0; i < list.length; i++) {
        const po = list.objectAt(i);
        const o = po.ref;
        const privilege = list.privilegeAt(i);
        if (o.kind === 'function') {
          if (privilege === 'EXECUTE') functions.add(functionKey(o.schema ?? '', o.name, o.args ?? ''));
          continue;
        }
        if (o.kind !== 'relation' || !DATA.has(privilege)) continue;
        if (o !== lastRef) {
          settle();
          lastRef = o;
          let place = places.get(o);
          if (place === undefined)
            places.set(o, (place = positions.get(relationKey(o.schema ?? '', o.name))!));
          last = place;
          const seen = byPlace[place];
          if (seen === undefined) relations.size++;
          grants = {};
          // Not met in model order (an object's entries are together), but a second run of it must not lose any.
          if (seen !== undefined)
            for (const q of DATA_ORDER) {
              const v = seen[q];
              if (v !== undefined) grants[q] = v === 'all' ? v : [...v];
            }
          byPlace[place] = grants;
        }
        const data = privilege as DataPrivilege;
        const has = grants[data];
        if (po.column === null) grants[data] = 'all';
        else if (has === undefined) grants[data] = [po.column];
        else if (has !== 'all') has.push(po.column);
      }
      settle();
    }
    relationCache.set(role, relations);
    functionCache.set(role, functions);
  };
  return {
    relations(role) {
      if (!relationCache.has(role)) load(role);
      return relationCache.get(role) ?? empty;
    },
    functions(role) {
      if (!functionCache.has(role)) load(role);
      return functionCache.get(role) ?? new Set();
    },
    // The findings ask these for every role × relation: each answer is kept.
    schemaUsage: (role, schema) =>
      memo(
        usage,
        role,
        schema,
        () => known.has(role) && schemas.has(schema) && hasSchemaPrivilege(catalog, role, schema, 'USAGE'),
      ),
    hasPrivilegesOf: (role, target) =>
      memo(
        privsOf,
        role,
        target,
        () => known.has(role) && known.has(target) && pgHasRole(catalog, role, target, 'USAGE'),
      ),
    canSetRole: (role, target) =>
      known.has(role) && known.has(target) && pgHasRole(catalog, role, target, 'SET'),
    isSuperuser: (role) => known.has(role) && rules.isSuperuser(role),
  };
}
