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
export const relationKey = (schema: string, name: string): string => `${schema}\0${name}`;
export const functionKey = (schema: string, name: string, args: string): string =>
  `${schema}\0${name}\0${args}`;

function memo(cache: Map<string, boolean>, key: string, compute: () => boolean): boolean {
  let v = cache.get(key);
  if (v === undefined) {
    v = compute();
    cache.set(key, v);
  }
  return v;
}

/** The Access of one model, each role's privileges computed once (shared/model's effectivePrivileges). */
export function modelAccess(catalog: Catalog): Access {
  const rules = roleRules(catalog);
  const known = new Set(catalog.roles.map((r) => r.name));
  const relationCache = new Map<string, Map<string, RelationGrants>>();
  const functionCache = new Map<string, Set<string>>();
  const schemas = new Set(catalog.schemas.map((x) => x.name));
  const usage = new Map<string, boolean>();
  const privsOf = new Map<string, boolean>();
  const load = (role: string): void => {
    const relations = new Map<string, { [P in DataPrivilege]?: 'all' | string[] }>();
    const functions = new Set<string>();
    if (known.has(role)) {
      // Entries come in model order (an object, then its columns): the key is built once per object.
      let lastRef: unknown = null;
      let grants: { [P in DataPrivilege]?: 'all' | string[] } = {};
      for (const p of effectivePrivileges(catalog, role)) {
        const o = p.object;
        if (o.kind === 'function') {
          if (p.privilege === 'EXECUTE') functions.add(functionKey(o.schema ?? '', o.name, o.args ?? ''));
          continue;
        }
        if (o.kind !== 'relation' || !DATA.has(p.privilege)) continue;
        if (o !== lastRef) {
          lastRef = o;
          const key = relationKey(o.schema ?? '', o.name);
          grants = relations.get(key) ?? {};
          relations.set(key, grants);
        }
        const privilege = p.privilege as DataPrivilege;
        const held = grants[privilege];
        if (p.column === undefined) grants[privilege] = 'all';
        else if (held === undefined) grants[privilege] = [p.column];
        else if (held !== 'all') held.push(p.column);
      }
    }
    relationCache.set(role, relations);
    functionCache.set(role, functions);
  };
  return {
    relations(role) {
      if (!relationCache.has(role)) load(role);
      return relationCache.get(role) ?? new Map();
    },
    functions(role) {
      if (!functionCache.has(role)) load(role);
      return functionCache.get(role) ?? new Set();
    },
    // The findings ask these for every role × relation: each answer is kept.
    schemaUsage: (role, schema) =>
      memo(
        usage,
        `${role}\0${schema}`,
        () => known.has(role) && schemas.has(schema) && hasSchemaPrivilege(catalog, role, schema, 'USAGE'),
      ),
    hasPrivilegesOf: (role, target) =>
      memo(
        privsOf,
        `${role}\0${target}`,
        () => known.has(role) && known.has(target) && pgHasRole(catalog, role, target, 'USAGE'),
      ),
    canSetRole: (role, target) =>
      known.has(role) && known.has(target) && pgHasRole(catalog, role, target, 'SET'),
    isSuperuser: (role) => known.has(role) && rules.isSuperuser(role),
  };
}
