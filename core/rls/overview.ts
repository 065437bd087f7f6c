import type { RlsOverview, RlsWarning } from '../../shared/contract/rls.js';
import { catalogIndex, type CatalogIndex } from '../../shared/model/catalog-index.js';
import type { Catalog, Policy, Relation } from '../../shared/model/catalog.js';
import { postgrestView } from '../../shared/model/postgrest-roles.js';
import { hasTablePrivilege } from '../../shared/model/privileges.js';
import { pgHasRole } from '../../shared/model/role-closure.js';

export interface OverviewConfig {
  readonly schemas: readonly string[];
  readonly anonRole: string | null;
  /** The login PostgREST uses (db-uri's user), when known. */
  readonly authenticator?: string | null;
}

const DATA = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;
const TABLE_KINDS = new Set<Relation['kind']>(['table', 'partitioned_table']);
const OBSOLETE_CLAIM = /request\.jwt\.claim\.[A-Za-z_]/;
const label = (r: { schema: string; name: string }) => `${r.schema}.${r.name}`;
const isTrue = (e: string | null) => e !== null && /^\(?\s*true\s*\)?$/i.test(e.trim());

/**
 * Every table and view with its RLS state, policy counts by command and the warnings: RLS off where requests
 * reach, RLS not forced while a request role acts as the owner, obsolete request.jwt.claim.* settings,
 * USING (true) writes for anon or PUBLIC, policies on a table whose RLS is off, views over RLS tables that run as
 * their owner. Grant questions go to shared/model; pure, no I/O.
 */
export function rlsOverview(model: Catalog, config: OverviewConfig): RlsOverview {
  const index = catalogIndex(model);
  const view = postgrestView(index, {
    schemas: [...config.schemas],
    anonRole: config.anonRole,
    ...(config.authenticator ? { authenticator: config.authenticator } : {}),
  });
  const requestRoles = [
    ...new Set([...view.requestRoles, ...(config.anonRole ? [config.anonRole] : [])]),
  ].filter((r) => index.role(r) !== undefined);
  const exposed = new Set(view.exposedSchemas);
  return {
    requestRoles,
    relations: model.relations.map((r) => {
      const policies = index.policies(r.schema, r.name);
      const counts = { ALL: 0, SELECT: 0, INSERT: 0, UPDATE: 0, DELETE: 0 };
      for (const p of policies) counts[p.command] += 1;
      return {
        schema: r.schema,
        name: r.name,
        kind: r.kind,
        exposed: exposed.has(r.schema),
        rlsEnabled: r.rlsEnabled,
        rlsForced: r.rlsForced,
        owner: r.owner,
        securityInvoker: r.securityInvoker,
        policyCounts: counts,
        policies: policies.map((p) => ({
          name: p.name,
          permissive: p.permissive,
          command: p.command,
          roles: p.roles.map((x) => (x.kind === 'public' ? 'PUBLIC' : x.name)),
          using: p.using,
          withCheck: p.withCheck,
        })),
        warnings: warningsFor(index, r, policies, exposed.has(r.schema), requestRoles, config.anonRole),
      };
    }),
  };
}

function warningsFor(
  index: CatalogIndex,
  r: Relation,
  policies: readonly Policy[],
  exposed: boolean,
  requestRoles: readonly string[],
  anonRole: string | null,
): RlsWarning[] {
  const out: RlsWarning[] = [];
  const reaching = (rel: Relation) =>
    requestRoles.filter((role) => DATA.some((p) => hasTablePrivilege(index, role, rel, p)));
  if (TABLE_KINDS.has(r.kind)) {
    if (!r.rlsEnabled && exposed) {
      const who = reaching(r);
      if (who.length > 0)
        out.push({
          code: 'rls_off_exposed',
          severity: 'error',
          message: `RLS is off on ${label(r)}, which ${who.join(', ')} reach${who.length === 1 ? 'es' : ''} through db-schemas: every row is served.`,
          fix: 'enable',
        });
    }
    if (r.rlsEnabled && !r.rlsForced) {
      const owners = requestRoles.filter((role) => pgHasRole(index, role, r.owner, 'USAGE'));
      if (owners.length > 0)
        out.push({
          code: 'owner_not_forced',
          severity: 'warning',
          message: `RLS is enabled but not forced on ${label(r)}, and ${owners.join(', ')} act${owners.length === 1 ? 's' : ''} as its owner ${r.owner}: policies do not apply to ${owners.length === 1 ? 'it' : 'them'}.`,
          fix: 'force',
        });
    }
    if (!r.rlsEnabled && policies.length > 0)
      out.push({
        code: 'policy_rls_off',
        severity: 'warning',
        message: `${label(r)} has ${policies.length} polic${policies.length === 1 ? 'y' : 'ies'} but RLS is off: ${policies.length === 1 ? 'it does' : 'they do'} nothing.`,
        fix: 'enable',
      });
  }
  for (const p of policies) {
    if (OBSOLETE_CLAIM.test(`${p.using ?? ''} ${p.withCheck ?? ''}`))
      out.push({
        code: 'obsolete_claim_setting',
        severity: 'warning',
        policy: p.name,
        message: `Policy ${p.name} reads request.jwt.claim.<name>, which PostgREST no longer sets: use current_setting('request.jwt.claims', true)::json->>'<name>'.`,
      });
    const forAnonOrPublic = p.roles.some(
      (x) => x.kind === 'public' || (anonRole !== null && x.name === anonRole),
    );
    const writes = p.command !== 'SELECT';
    const open = p.command === 'INSERT' ? isTrue(p.withCheck) : isTrue(p.using);
    if (p.permissive && writes && forAnonOrPublic && open)
      out.push({
        code: 'open_write_policy',
        severity: 'error',
        policy: p.name,
        message: `Policy ${p.name} lets ${p.roles.some((x) => x.kind === 'public') ? 'PUBLIC' : anonRole} ${p.command === 'ALL' ? 'write' : p.command} every row (${p.command === 'INSERT' ? 'WITH CHECK' : 'USING'} true).`,
      });
  }
  if (r.kind === 'view' && !r.securityInvoker) {
    const ref = { kind: 'relation' as const, schema: r.schema, name: r.name };
    const protectedBases = index
      .dependenciesOf(ref)
      .map((d) =>
        d.to.kind === 'relation' && d.to.schema ? index.relation(d.to.schema, d.to.name) : undefined,
      )
      .filter((b): b is Relation => b !== undefined && b.rlsEnabled);
    if (protectedBases.length > 0)
      out.push({
        code: 'view_owner_rights',
        severity: 'warning',
        message: `View ${label(r)} reads ${protectedBases.map(label).join(', ')} (RLS on) as its owner ${r.owner}, so their policies see the owner, not the requesting role: set security_invoker = true.`,
      });
  }
  return out;
}
