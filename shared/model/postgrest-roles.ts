import { catalogIndex, type CatalogIndex } from './catalog-index.js';
import type { Catalog, FunctionInfo, Relation, Role } from './catalog.js';
import { roleRules } from './role-closure.js';

/** What the PostgREST view needs from the config (plain values: shared/ does not read config files). */
export interface PostgrestRoleConfig {
  /** The db-uri user, when the config (or its connection) names one. */
  readonly authenticator?: string | null;
  /** db-anon-role; null when anonymous requests are refused. */
  readonly anonRole?: string | null;
  /** db-schemas, in order (the first is the default profile). */
  readonly schemas: readonly string[];
}

/** The authenticator PostgREST logs in as, and how it was found. */
export interface PostgrestAuthenticator {
  readonly name: string;
  /** `config`: the db-uri user; `inferred`: the best LOGIN NOINHERIT role with roles to switch to. */
  readonly source: 'config' | 'inferred';
  /** Whether the model has the role (a configured name may be misspelt or not created yet). */
  readonly exists: boolean;
}

/**
 * A database as PostgREST sees it: who logs in, which roles requests may run as (the roles the authenticator
 * may SET ROLE to under the server's rules — any membership chain before 16, chains of SET-option grants from
 * 16), the anonymous role, and what the exposed schemas hold.
 */
export interface PostgrestView {
  readonly authenticator: PostgrestAuthenticator | null;
  /** Other LOGIN NOINHERIT roles that could be the authenticator (when inferred), best first. */
  readonly authenticatorCandidates: readonly string[];
  /** Roles the authenticator may switch to, itself excluded, by name; every role for a superuser. */
  readonly requestRoles: readonly string[];
  readonly anonRole: string | null;
  /** Whether the authenticator may SET ROLE to db-anon-role (false also when either is unknown). */
  readonly anonSwitchable: boolean;
  /** db-schemas the model has, in config order, and those it lacks. */
  readonly exposedSchemas: readonly string[];
  readonly missingSchemas: readonly string[];
  /** Tables, views, materialized views, foreign and partitioned tables of the exposed schemas. */
  readonly relations: readonly Relation[];
  /** Functions and procedures of the exposed schemas (what /rpc serves: no aggregates or window functions). */
  readonly functions: readonly FunctionInfo[];
}

type Model = Catalog | CatalogIndex;

/** Roles `login` may SET ROLE to (itself excluded), as PostgreSQL allows on the model's server version. */
export function switchableRoles(model: Model, login: string): string[] {
  const index = 'catalog' in model ? model : catalogIndex(model);
  const rules = roleRules(index);
  if (index.role(login) === undefined) return [];
  const names = rules.isSuperuser(login)
    ? index.catalog.roles.filter((r) => !r.isSystem).map((r) => r.name)
    : rules.closure(login, 'SET').order;
  return names.filter((r) => r !== login).sort(byCodePoint);
}

/** Whether `login` may SET ROLE to `role` (member_can_set_role on 16+, is_member_of_role before). */
export function canSetRole(model: Model, login: string, role: string): boolean {
  const index = 'catalog' in model ? model : catalogIndex(model);
  if (index.role(login) === undefined || index.role(role) === undefined) return false;
  return roleRules(index).hasRole(login, role, 'SET');
}

/**
 * Candidates for the authenticator when the config does not name it: LOGIN, NOINHERIT, not superuser roles that
 * may switch to at least one role — those that may switch to db-anon-role first, then by how many roles they may
 * switch to, then by name.
 */
export function authenticatorCandidates(model: Model, anonRole: string | null = null): string[] {
  const index = 'catalog' in model ? model : catalogIndex(model);
  const scored = index.catalog.roles
    .filter((r: Role) => r.canLogin && !r.inherit && !r.superuser && !r.isSystem)
    .map((r) => ({
      name: r.name,
      anon: anonRole !== null && canSetRole(index, r.name, anonRole),
      count: switchableRoles(index, r.name).length,
    }))
    .filter((c) => c.count > 0);
  scored.sort((a, b) => Number(b.anon) - Number(a.anon) || b.count - a.count || byCodePoint(a.name, b.name));
  return scored.map((c) => c.name);
}

/** The PostgREST view of a model for one configuration. */
export function postgrestView(model: Model, config: PostgrestRoleConfig): PostgrestView {
  const index = 'catalog' in model ? model : catalogIndex(model);
  const anonRole = config.anonRole ?? null;
  const candidates = authenticatorCandidates(index, anonRole);
  const configured = config.authenticator ?? null;
  const authenticator: PostgrestAuthenticator | null =
    configured !== null
      ? { name: configured, source: 'config', exists: index.role(configured) !== undefined }
      : candidates[0] !== undefined
        ? { name: candidates[0], source: 'inferred', exists: true }
        : null;
  const requestRoles = authenticator === null ? [] : switchableRoles(index, authenticator.name);
  const exposedSchemas = config.schemas.filter((s) => index.schema(s) !== undefined);
  const relations: Relation[] = [];
  const functions: FunctionInfo[] = [];
  for (const s of exposedSchemas) {
    const contents = index.inSchema(s);
    relations.push(...contents.relations);
    for (const f of contents.functions)
      if (f.kind === 'function' || f.kind === 'procedure') functions.push(f);
  }
  return {
    authenticator,
    authenticatorCandidates: candidates.filter((c) => c !== authenticator?.name),
    requestRoles,
    anonRole,
    anonSwitchable:
      authenticator !== null && anonRole !== null && canSetRole(index, authenticator.name, anonRole),
    exposedSchemas,
    missingSchemas: config.schemas.filter((s) => index.schema(s) === undefined),
    relations,
    functions,
  };
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
