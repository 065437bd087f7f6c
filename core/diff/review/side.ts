import {
  endpointsOf,
  type HttpMethod,
  type ReachEndpoint,
  type RowFilter,
} from '../../../shared/contract/advisor.js';
import type { ReviewConfig } from '../../../shared/diff/review.js';
import type { Catalog, Relation } from '../../../shared/model/catalog.js';
import { postgrestView } from '../../../shared/model/postgrest-roles.js';
import { defaultPostgrestConfig } from '../../act-as/config/index.js';
import { modelAccess } from '../../advisor/access.js';
import { advisorContext, type AdvisorContext, type RequestRole } from '../../advisor/context.js';
import { reachMap } from '../../advisor/reach.js';

/** One endpoint as one role reaches it on one side: each method with the columns it touches (resolved). */
export interface EndpointState {
  readonly endpoint: ReachEndpoint;
  /** Method → the columns it touches, every column spelled out (DELETE and RPCs: empty). */
  readonly methods: ReadonlyMap<HttpMethod, ReadonlySet<string>>;
  readonly rows: RowFilter;
}

/** One side of the pair as PostgREST's request roles see it: the advisor's reach map, indexed. */
export interface SideReach {
  readonly ctx: AdvisorContext;
  readonly authenticator: string | null;
  readonly roles: ReadonlyMap<
    string,
    { readonly role: RequestRole; readonly endpoints: ReadonlyMap<string, EndpointState> }
  >;
  /** Tables whose policies decide the rows of a role's requests: its exposed tables, and those under its invoker views. */
  readonly policyTables: (role: string) => ReadonlySet<string>;
}

export const endpointKey = (e: Pick<ReachEndpoint, 'kind' | 'schema' | 'name' | 'args'>): string =>
  e.kind === 'function' ? `f\0${e.schema}\0${e.name}\0${e.args ?? ''}` : `r\0${e.schema}\0${e.name}`;
export const tableKey = (schema: string, name: string): string => `${schema}\0${name}`;

/**
 * The authenticator both sides are read with: the configured one, else the one inferred on the source side
 * (else the target's) — one name for both, so that a side whose model lacks login roles (a shadow database)
 * is not judged as another login.
 */
export function pairAuthenticator(
  from: Catalog,
  to: Catalog,
  config: ReviewConfig,
  assumptions: string[],
): string | null {
  if (config.authenticator !== null) return config.authenticator;
  for (const [side, catalog] of [
    ['source', from],
    ['target', to],
  ] as const) {
    const view = postgrestView(catalog, { anonRole: config.anonRole, schemas: config.schemas });
    if (view.authenticator !== null) {
      assumptions.push(
        `No db-uri user is configured: the authenticator is taken to be ${view.authenticator.name} (inferred on the ${side} side, a LOGIN NOINHERIT role that may switch roles).`,
      );
      return view.authenticator.name;
    }
  }
  assumptions.push(
    'No db-uri user is configured and neither side has a LOGIN NOINHERIT role that may switch roles: only the anonymous role is reviewed.',
  );
  return null;
}

function columnsOf(r: Relation | undefined, listed: readonly string[] | null): ReadonlySet<string> {
  if (listed !== null) return new Set(listed);
  return new Set((r?.columns ?? []).map((c) => c.name));
}

/** The reach of every request role on one side, for the pair's authenticator. */
export function sideReach(catalog: Catalog, config: ReviewConfig, authenticator: string | null): SideReach {
  const postgrest = {
    ...defaultPostgrestConfig(),
    dbSchemas: [...config.schemas],
    dbAnonRole: config.anonRole,
  };
  const known = authenticator !== null && catalog.roles.some((r) => r.name === authenticator);
  // An authenticator this side lacks can switch to nothing here: only db-anon-role is reviewed on this side.
  const ctx = advisorContext(
    catalog,
    { config: postgrest, dbUriUser: known ? authenticator : null, assumptions: [], problems: [], file: null },
    modelAccess(catalog),
  );
  const requestRoles = known ? ctx.requestRoles : ctx.requestRoles.filter((r) => r.as === 'anon');
  const scoped: AdvisorContext = { ...ctx, requestRoles };
  const reach = reachMap(scoped);
  const roles = new Map<string, { role: RequestRole; endpoints: Map<string, EndpointState> }>();
  for (const [i, rr] of reach.roles.entries()) {
    const endpoints = new Map<string, EndpointState>();
    for (const e of endpointsOf(reach, rr)) {
      const relation = e.kind === 'function' ? undefined : ctx.relation(e.schema, e.name);
      const methods = new Map<HttpMethod, ReadonlySet<string>>();
      for (const m of e.methods)
        methods.set(
          m.method,
          e.kind === 'function' || m.method === 'DELETE' ? new Set() : columnsOf(relation, m.columns),
        );
      endpoints.set(endpointKey(e), { endpoint: e, methods, rows: e.rows });
    }
    roles.set(rr.role, { role: requestRoles[i]!, endpoints });
  }
  const policyTables = (role: string): ReadonlySet<string> => {
    const out = new Set<string>();
    for (const s of roles.get(role)?.endpoints.values() ?? []) {
      const e = s.endpoint;
      if (e.kind === 'function') continue;
      const r = ctx.relation(e.schema, e.name);
      if (!r) continue;
      if (r.kind === 'table' || r.kind === 'partitioned_table') out.add(tableKey(r.schema, r.name));
      // An owner-rights view reads its tables as its owner: the role's own policies do not apply there.
      else if (r.kind === 'view' && r.securityInvoker)
        for (const b of ctx.baseRelationsOf(r)) out.add(tableKey(b.schema, b.name));
    }
    return out;
  };
  return { ctx: scoped, authenticator: known ? authenticator : null, roles, policyTables };
}
