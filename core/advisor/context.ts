import type { Catalog, FunctionInfo, Grant, Policy, Relation, Role } from '../../shared/model/catalog.js';
import { refKey } from '../../shared/model/catalog.js';
import { postgrestView, switchableRoles, type PostgrestView } from '../../shared/model/postgrest-roles.js';
import type { PostgrestConfig } from '../act-as/config/index.js';
import { relationKey, type Access, type DataPrivilege, type RelationGrants } from './access.js';

const DATA: readonly DataPrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
/** Every subset of the four data privileges, in that order, by bit mask: shared, not one array per pair. */
const HELD: readonly (readonly DataPrivilege[])[] = Array.from({ length: 16 }, (_, mask) =>
  Object.freeze(DATA.filter((_, i) => (mask & (1 << i)) !== 0)),
);

/** The privileges `g` holds (whole relation or some columns), as a shared array. */
export function heldPrivileges(g: RelationGrants): readonly DataPrivilege[] {
  let mask = 0;
  for (let i = 0; i < DATA.length; i++) if (g[DATA[i]!] !== undefined) mask |= 1 << i;
  return HELD[mask]!;
}
import type { AdvisorConfig } from './config-view.js';

/** A role requests run as: db-anon-role, or a role the authenticator may SET ROLE to (a JWT's `role`). */
export interface RequestRole {
  readonly name: string;
  readonly as: 'anon' | 'jwt';
  readonly exists: boolean;
}

/** Everything the finding families read, indexed once per run. */
export interface AdvisorContext {
  readonly catalog: Catalog;
  readonly config: PostgrestConfig;
  readonly advisorConfig: AdvisorConfig;
  readonly access: Access;
  readonly authenticator: string | null;
  readonly anon: string | null;
  readonly requestRoles: readonly RequestRole[];
  /** db-schemas that exist, in order. */
  readonly exposedSchemas: readonly string[];
  readonly isExposed: (schema: string) => boolean;
  readonly role: (name: string) => Role | undefined;
  readonly relation: (schema: string, name: string) => Relation | undefined;
  readonly exposedRelations: readonly Relation[];
  /** RPC candidates: functions of the exposed schemas, minus trigger functions, aggregates and extension members. */
  readonly exposedFunctions: readonly FunctionInfo[];
  readonly policiesOf: (schema: string, table: string) => readonly Policy[];
  readonly grantsOn: (ref: Parameters<typeof refKey>[0]) => readonly Grant[];
  /** Relations a view reads, followed through views (pg_depend's rule edges), without the view itself. */
  readonly baseRelationsOf: (view: Relation) => readonly Relation[];
  readonly assumptions: string[];
}

const NOT_RPC_RETURNS = new Set(['trigger', 'event_trigger']);

/** The authenticator from shared/model's PostgREST view (db-uri's user, else inferred), each guess said. */
function authenticatorOf(catalog: Catalog, view: PostgrestView, assumptions: string[]): string | null {
  const a = view.authenticator;
  if (a !== null && a.source === 'inferred')
    assumptions.push(
      `db-uri names no user: the authenticator is taken to be ${a.name} (a LOGIN NOINHERIT role that may switch to ${view.anonSwitchable ? (view.anonRole ?? '') : 'other roles'}).`,
    );
  if (a !== null) return a.name;
  assumptions.push(
    `db-uri names no user and no LOGIN NOINHERIT role may switch roles: the authenticator is taken to be ${catalog.server.sessionUser}, the role this catalog was read as.`,
  );
  return catalog.server.sessionUser;
}

export function advisorContext(
  catalog: Catalog,
  advisorConfig: AdvisorConfig,
  access: Access,
): AdvisorContext {
  const assumptions = [...advisorConfig.assumptions];
  const config = advisorConfig.config;
  const roles = new Map(catalog.roles.map((r) => [r.name, r]));
  const relations = new Map(catalog.relations.map((r) => [relationKey(r.schema, r.name), r]));
  const view = postgrestView(catalog, {
    authenticator: advisorConfig.dbUriUser,
    anonRole: config.dbAnonRole,
    schemas: config.dbSchemas,
  });
  const exposedSchemas = [...view.exposedSchemas];
  const exposed = new Set(exposedSchemas);
  const authenticator = authenticatorOf(catalog, view, assumptions);
  if (authenticator !== null && !roles.has(authenticator))
    assumptions.push(`The authenticator ${authenticator} is not a role of this database.`);
  const anon = config.dbAnonRole;
  // The roles requests run as: db-anon-role, then every role the authenticator may SET ROLE to.
  const switchable =
    view.authenticator === null && authenticator !== null
      ? switchableRoles(catalog, authenticator)
      : view.requestRoles;
  const requestRoles: RequestRole[] = [];
  if (anon !== null) requestRoles.push({ name: anon, as: 'anon', exists: roles.has(anon) });
  for (const name of switchable)
    if (name !== anon && !roles.get(name)?.isSystem) requestRoles.push({ name, as: 'jwt', exists: true });

  const policies = new Map<string, Policy[]>();
  for (const p of catalog.policies) {
    const k = relationKey(p.schema, p.table);
    policies.set(k, [...(policies.get(k) ?? []), p]);
  }
  const grants = new Map<string, Grant[]>();
  for (const g of catalog.grants) {
    const k = refKey(g.object);
    const list = grants.get(k);
    if (list) list.push(g);
    else grants.set(k, [g]);
  }
  const viewDeps = new Map<string, Relation[]>();
  for (const d of catalog.dependencies) {
    if (d.via !== 'rule' || d.from.kind !== 'relation' || d.to.kind !== 'relation') continue;
    const to = relations.get(relationKey(d.to.schema ?? '', d.to.name));
    if (!to) continue;
    const k = relationKey(d.from.schema ?? '', d.from.name);
    viewDeps.set(k, [...(viewDeps.get(k) ?? []), to]);
  }
  const baseCache = new Map<string, Relation[]>();
  const baseRelationsOf = (view: Relation): Relation[] => {
    const start = relationKey(view.schema, view.name);
    const cached = baseCache.get(start);
    if (cached) return cached;
    const seen = new Set([start]);
    const out: Relation[] = [];
    const stack = [...(viewDeps.get(start) ?? [])];
    while (stack.length > 0) {
      const r = stack.pop()!;
      const k = relationKey(r.schema, r.name);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(r);
      if (r.kind === 'view' || r.kind === 'materialized_view') stack.push(...(viewDeps.get(k) ?? []));
    }
    baseCache.set(start, out);
    return out;
  };

  const exposedRelations = view.relations.filter((r) => r.partitionOf === null);
  return {
    catalog,
    config,
    advisorConfig,
    access,
    authenticator,
    anon,
    requestRoles,
    exposedSchemas,
    isExposed: (s) => exposed.has(s),
    role: (n) => roles.get(n),
    relation: (s, n) => relations.get(relationKey(s, n)),
    exposedRelations,
    // Extension members and trigger functions are not the API's own RPCs.
    exposedFunctions: view.functions.filter(
      (f) => f.extension === null && !NOT_RPC_RETURNS.has(f.returns.type.name),
    ),
    policiesOf: (s, t) => policies.get(relationKey(s, t)) ?? [],
    grantsOn: (ref) => grants.get(refKey(ref)) ?? [],
    baseRelationsOf,
    assumptions,
  };
}

/**
 * The request roles holding privileges on one relation and which, as two parallel arrays (request-role order):
 * with 300 request roles a run holds 1.77M (relation, role) pairs, and a Map entry per pair was most of the
 * garbage. Read like a ReadonlyMap; `get`/`has` are linear, which is fine for the few roles a finding names.
 */
export class Holders implements ReadonlyMap<string, readonly DataPrivilege[]> {
  readonly roles: string[] = [];
  readonly held: (readonly DataPrivilege[])[] = [];

  get size(): number {
    return this.roles.length;
  }
  get(role: string): readonly DataPrivilege[] | undefined {
    const i = this.roles.indexOf(role);
    return i < 0 ? undefined : this.held[i];
  }
  has(role: string): boolean {
    return this.roles.includes(role);
  }
  forEach(
    f: (
      value: readonly DataPrivilege[],
      key: string,
      map: ReadonlyMap<string, readonly DataPrivilege[]>,
    ) => void,
  ): void {
    for (let i = 0; i < this.roles.length; i++) f(this.held[i]!, this.roles[i]!, this);
  }
  *entries(): MapIterator<[string, readonly DataPrivilege[]]> {
    for (let i = 0; i < this.roles.length; i++) yield [this.roles[i]!, this.held[i]!];
  }
  keys(): MapIterator<string> {
    return this.roles.values();
  }
  values(): MapIterator<readonly DataPrivilege[]> {
    return this.held.values();
  }
  [Symbol.iterator](): MapIterator<[string, readonly DataPrivilege[]]> {
    return this.entries();
  }
}

const holderIndex = new WeakMap<AdvisorContext, Map<Relation, Holders>>();
const NO_HOLDERS = new Holders();

/**
 * The data privileges each request role can use on an exposed relation (role → privileges, in request-role
 * order; a role without USAGE on its schema holds none). Built once per context from each role's own privileges,
 * not by asking every role about every relation (with 300 request roles that was most of a run). Keyed by the
 * context object, so a copy with fewer request roles (the diff review's) gets its own.
 */
export function holdersOf(ctx: AdvisorContext, r: Relation): Holders {
  let holders = holderIndex.get(ctx);
  if (holders === undefined) {
    const index = new Map<Relation, Holders>();
    holders = index;
    holderIndex.set(ctx, index);
    const byKey = new Map(ctx.exposedRelations.map((x) => [relationKey(x.schema, x.name), x]));
    const seen = new Set<string>();
    for (const role of ctx.requestRoles) {
      if (!role.exists || seen.has(role.name)) continue;
      seen.add(role.name);
      // Each schema's USAGE asked once per role, not once per relation.
      const usage = new Map<string, boolean>();
      ctx.access.relations(role.name).forEach((g, key) => {
        const rel = byKey.get(key);
        if (rel === undefined) return;
        let usable = usage.get(rel.schema);
        if (usable === undefined)
          usage.set(rel.schema, (usable = ctx.access.schemaUsage(role.name, rel.schema)));
        if (!usable) return;
        const held = heldPrivileges(g);
        if (held.length === 0) return;
        let h = index.get(rel);
        if (h === undefined) index.set(rel, (h = new Holders()));
        // A role appears once per relation (its map has one entry per key), so appending keeps Map semantics.
        h.roles.push(role.name);
        h.held.push(held);
      });
    }
  }
  return holders.get(r) ?? NO_HOLDERS;
}

/** Whether `role`'s requests see `table` through its policies, or every row (superuser, BYPASSRLS, owner rights). */
export function rowsFilteredFor(ctx: AdvisorContext, role: string, table: Relation): boolean {
  if (!table.rlsEnabled) return false;
  const r = ctx.role(role);
  if (r === undefined) return true;
  if (r.superuser || r.bypassRls) return false;
  return table.rlsForced || !ctx.access.hasPrivilegesOf(role, table.owner);
}

/** The data privileges `role` holds on `r`, or none when it may not use r's schema (then nothing is reachable). */
export function grantsFor(ctx: AdvisorContext, role: string, r: Relation): RelationGrants {
  if (!ctx.access.schemaUsage(role, r.schema)) return {};
  return ctx.access.relations(role).get(relationKey(r.schema, r.name)) ?? {};
}

/** Whether a policy applies to `role`: it names PUBLIC, the role, or a role whose privileges it holds. */
export function policyAppliesTo(ctx: AdvisorContext, p: Policy, role: string): boolean {
  return p.roles.some(
    (r) => r.kind === 'public' || r.name === role || ctx.access.hasPrivilegesOf(role, r.name),
  );
}

/** A policy's commands: ALL stands for each of the four. */
export function policyCovers(p: Policy, command: DataPrivilege): boolean {
  return p.command === 'ALL' || p.command === command;
}
