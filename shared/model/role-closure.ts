import { GatehouseError } from '../errors.js';
import { catalogIndex, type CatalogIndex } from './catalog-index.js';
import type { Catalog } from './catalog.js';

/**
 * Role membership as PostgreSQL computes it (acl.c, roles_is_member_of), from the catalog model:
 * - MEMBER: any chain of memberships (is_member_of_role);
 * - USAGE: the privileges of the role are held — only edges that inherit (has_privs_of_role). On 16+ that is
 *   each membership's inherit_option; before, the member's rolinherit (the model stores both in `inherit`);
 * - SET: the role may be assumed with SET ROLE — on 16+ only edges with set_option (member_can_set_role);
 *   before, any chain (the model stores `set: true` there);
 * - ADMIN: some role in the MEMBER closure holds the membership WITH ADMIN OPTION (is_admin_of_role); never
 *   on the role itself.
 * Superusers are members of, hold the privileges of, may SET ROLE to and administer every role. The
 * database owner is an implicit member of pg_database_owner (on 14/15 only while it inherits).
 */
export type RoleMode = 'MEMBER' | 'USAGE' | 'SET' | 'ADMIN';
type WalkMode = Exclude<RoleMode, 'ADMIN'>;

export const PG_DATABASE_OWNER = 'pg_database_owner';

/** The roles one role reaches, nearest first (the role itself at distance 0). */
export interface RoleClosure {
  readonly role: string;
  /** Role names in breadth-first order: the role itself first, then by distance. */
  readonly order: readonly string[];
  /** Each reached role's distance (number of membership edges). */
  readonly distance: ReadonlyMap<string, number>;
  /** True when the role is a superuser: it reaches every role, whatever `order` lists. */
  readonly superuser: boolean;
}

interface Edge {
  readonly role: string;
  readonly inherit: boolean;
  readonly set: boolean;
  readonly admin: boolean;
}

/** The role graph of one model: edges member → granted role, and cached closures. */
export class RoleRules {
  readonly major: number;
  private readonly edges = new Map<string, Edge[]>();
  private readonly closures: Record<WalkMode, Map<string, RoleClosure>> = {
    MEMBER: new Map(),
    USAGE: new Map(),
    SET: new Map(),
  };

  constructor(readonly index: CatalogIndex) {
    const catalog = index.catalog;
    this.major = catalog.server.major;
    // Several rows for one pair (one per grantor on 16+) act as one edge holding any option any row holds.
    const pairs = new Map<string, { role: string; inherit: boolean; set: boolean; admin: boolean }>();
    for (const m of catalog.memberships) {
      const k = `${m.member}\0${m.role}`;
      const e = pairs.get(k);
      if (e === undefined) {
        const edge = { role: m.role, inherit: m.inherit, set: m.set, admin: m.admin };
        pairs.set(k, edge);
        const list = this.edges.get(m.member);
        if (list === undefined) this.edges.set(m.member, [edge]);
        else list.push(edge);
      } else {
        e.inherit ||= m.inherit;
        e.set ||= m.set;
        e.admin ||= m.admin;
      }
    }
    const dba = catalog.database.owner;
    if (index.role(PG_DATABASE_OWNER) !== undefined && index.role(dba) !== undefined) {
      // 14/15 skip every edge of a NOINHERIT role when walking privileges, the implicit one included.
      const inherit = this.major >= 16 || (index.role(dba)?.inherit ?? true);
      const implicit: Edge = { role: PG_DATABASE_OWNER, inherit, set: true, admin: false };
      const list = this.edges.get(dba);
      if (list === undefined) this.edges.set(dba, [implicit]);
      else if (!list.some((e) => e.role === PG_DATABASE_OWNER)) list.push(implicit);
    }
  }

  isSuperuser(role: string): boolean {
    return this.index.role(role)?.superuser === true;
  }

  /** The roles `role` reaches in `mode`, nearest first; cached per model. */
  closure(role: string, mode: WalkMode): RoleClosure {
    const cache = this.closures[mode];
    let c = cache.get(role);
    if (c === undefined) {
      c = this.walk(role, mode);
      cache.set(role, c);
    }
    return c;
  }

  private walk(role: string, mode: WalkMode): RoleClosure {
    const order = [role];
    const distance = new Map([[role, 0]]);
    for (let i = 0; i < order.length; i++) {
      const from = order[i]!;
      const d = distance.get(from)! + 1;
      for (const e of this.edges.get(from) ?? []) {
        if (mode === 'USAGE' && !e.inherit) continue;
        if (mode === 'SET' && !e.set) continue;
        if (distance.has(e.role)) continue;
        distance.set(e.role, d);
        order.push(e.role);
      }
    }
    return { role, order, distance, superuser: this.isSuperuser(role) };
  }

  /** pg_has_role(role, target, mode) for roles of the model. */
  hasRole(role: string, target: string, mode: RoleMode): boolean {
    if (this.isSuperuser(role)) return true;
    if (mode === 'ADMIN') return this.adminRole(role, target) !== null;
    return role === target || this.closure(role, mode).distance.has(target);
  }

  /** The role through which `role` may administer `target` (WITH ADMIN OPTION), or null. */
  adminRole(role: string, target: string): string | null {
    if (role === target) return null;
    if (this.isSuperuser(role)) return role;
    for (const r of this.closure(role, 'MEMBER').order)
      for (const e of this.edges.get(r) ?? []) if (e.role === target && e.admin) return r;
    return null;
  }

  /** Direct memberships of `member` (one per granted role, options merged over grantors). */
  grantedTo(member: string): readonly Edge[] {
    return this.edges.get(member) ?? [];
  }
}

const cache = new WeakMap<CatalogIndex, RoleRules>();

/** The role rules of a model (or its index), built on first use and cached for the model's lifetime. */
export function roleRules(model: Catalog | CatalogIndex): RoleRules {
  const index = 'catalog' in model ? model : catalogIndex(model);
  let rules = cache.get(index);
  if (rules === undefined) {
    rules = new RoleRules(index);
    cache.set(index, rules);
  }
  return rules;
}

/** A role name the model knows, or a clear error naming it. */
export function requireRole(index: CatalogIndex, role: string): void {
  if (index.role(role) === undefined)
    throw new GatehouseError('GH210', `There is no role "${role}" in this database.`, {
      hint: 'Check the spelling (role names are case-sensitive), or refresh the catalog if it was just created.',
    });
}

/**
 * pg_has_role(role, target, mode): MEMBER, USAGE, SET (the SET ROLE rule of the server's version) or ADMIN
 * ('MEMBER WITH ADMIN OPTION'). Unknown roles are an error, as in PostgreSQL.
 */
export function pgHasRole(
  model: Catalog | CatalogIndex,
  role: string,
  target: string,
  mode: RoleMode,
): boolean {
  const rules = roleRules(model);
  requireRole(rules.index, role);
  requireRole(rules.index, target);
  return rules.hasRole(role, target, mode);
}
