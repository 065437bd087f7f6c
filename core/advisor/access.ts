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

/** The Access of one model, each role's privileges computed once (shared/model's effectivePrivileges). */
export function modelAccess(catalog: Catalog): Access {
  const rules = roleRules(catalog);
  const known = new Set(catalog.roles.map((r) => r.name));
  const relationCache = new Map<string, Map<string, RelationGrants>>();
  const functionCache = new Map<string, Set<string>>();
  const load = (role: string): void => {
    const relations = new Map<string, { [P in DataPrivilege]?: 'all' | string[] }>();
    const functions = new Set<string>();
    if (known.has(role)) {
      for (const p of effectivePrivileges(catalog, role)) {
        const o = p.object;
        if (o.kind === 'function' && p.privilege === 'EXECUTE') {
          functions.add(functionKey(o.schema ?? '', o.name, o.args ?? ''));
        } else if (o.kind === 'relation' && DATA.has(p.privilege)) {
          const key = relationKey(o.schema ?? '', o.name);
          const grants = relations.get(key) ?? {};
          const privilege = p.privilege as DataPrivilege;
          const held = grants[privilege];
          if (p.column === undefined) grants[privilege] = 'all';
          else if (held !== 'all') grants[privilege] = [...(held ?? []), p.column];
          relations.set(key, grants);
        }
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
    schemaUsage: (role, schema) =>
      known.has(role) &&
      catalog.schemas.some((s) => s.name === schema) &&
      hasSchemaPrivilege(catalog, role, schema, 'USAGE'),
    hasPrivilegesOf: (role, target) =>
      known.has(role) && known.has(target) && pgHasRole(catalog, role, target, 'USAGE'),
    canSetRole: (role, target) =>
      known.has(role) && known.has(target) && pgHasRole(catalog, role, target, 'SET'),
    isSuperuser: (role) => known.has(role) && rules.isSuperuser(role),
  };
}
