import type { HttpMethod, ReachEndpoint, ReachMap, RowFilter } from '../../shared/contract/advisor.js';
import type { FunctionInfo, Relation } from '../../shared/model/catalog.js';
import { functionKey, type RelationGrants } from './access.js';
import { grantsFor, rowsFilteredFor, type AdvisorContext } from './context.js';

const cols = (g: 'all' | readonly string[] | undefined): string[] | null =>
  g === 'all' || g === undefined ? null : [...g];

/** The path PostgREST answers it at: the first exposed schema is the default, others need Accept-Profile. */
function pathOf(ctx: AdvisorContext, schema: string, name: string, rpc: boolean): string {
  const base = rpc ? `/rpc/${name}` : `/${name}`;
  return schema === ctx.exposedSchemas[0] ? base : `${base} (${schema})`;
}

/** Whose policies decide the rows: a table's own; a view's tables as the invoker or as the view's owner. */
function rowFilter(ctx: AdvisorContext, role: string, r: Relation): RowFilter {
  if (r.kind === 'table' || r.kind === 'partitioned_table')
    return rowsFilteredFor(ctx, role, r) ? 'filtered' : 'unfiltered';
  if (r.kind !== 'view') return 'unfiltered';
  const asRole = r.securityInvoker ? role : r.owner;
  const bases = ctx.baseRelationsOf(r).filter((b) => b.kind === 'table' || b.kind === 'partitioned_table');
  if (bases.length === 0) return 'unfiltered';
  return bases.every((b) => rowsFilteredFor(ctx, asRole, b)) ? 'filtered' : 'unfiltered';
}

/**
 * The HTTP methods PostgREST allows on a relation with these grants: GET/HEAD with SELECT, POST with INSERT,
 * PATCH with UPDATE, PUT (an upsert) with INSERT and UPDATE, DELETE with DELETE — views only where updatable.
 */
function relationMethods(r: Relation, g: RelationGrants): { method: HttpMethod; columns: string[] | null }[] {
  const out: { method: HttpMethod; columns: string[] | null }[] = [];
  if (g.SELECT)
    out.push({ method: 'GET', columns: cols(g.SELECT) }, { method: 'HEAD', columns: cols(g.SELECT) });
  if (g.INSERT && r.insertable) out.push({ method: 'POST', columns: cols(g.INSERT) });
  if (g.UPDATE && r.updatable) out.push({ method: 'PATCH', columns: cols(g.UPDATE) });
  if (g.INSERT && g.UPDATE && r.insertable && r.updatable) {
    const ins = cols(g.INSERT);
    const upd = cols(g.UPDATE);
    const both = ins === null ? upd : upd === null ? ins : ins.filter((c) => upd.includes(c));
    out.push({ method: 'PUT', columns: both });
  }
  if (g.DELETE && r.deletable) out.push({ method: 'DELETE', columns: null });
  return out;
}

/** RPC: GET for functions that do not modify (stable, immutable), POST for all. */
function functionMethods(f: FunctionInfo): { method: HttpMethod; columns: null }[] {
  return f.volatility === 'volatile'
    ? [{ method: 'POST', columns: null }]
    : [
        { method: 'GET', columns: null },
        { method: 'HEAD', columns: null },
        { method: 'POST', columns: null },
      ];
}

/** For each request role, every endpoint of the exposed schemas it can reach, and whether RLS filters its rows. */
export function reachMap(ctx: AdvisorContext): ReachMap {
  const roles = ctx.requestRoles.map((role) => {
    const endpoints: ReachEndpoint[] = [];
    if (role.exists) {
      for (const r of ctx.exposedRelations) {
        const methods = relationMethods(r, grantsFor(ctx, role.name, r));
        if (methods.length === 0) continue;
        endpoints.push({
          path: pathOf(ctx, r.schema, r.name, false),
          schema: r.schema,
          name: r.name,
          kind: r.kind,
          methods,
          rows: rowFilter(ctx, role.name, r),
          write: methods.some((m) => m.method !== 'GET' && m.method !== 'HEAD'),
          args: null,
        });
      }
      const executable = ctx.access.functions(role.name);
      for (const f of ctx.exposedFunctions) {
        if (
          !executable.has(functionKey(f.schema, f.name, f.identityArgs)) ||
          !ctx.access.schemaUsage(role.name, f.schema)
        )
          continue;
        endpoints.push({
          path: pathOf(ctx, f.schema, f.name, true),
          schema: f.schema,
          name: f.name,
          kind: 'function',
          methods: functionMethods(f),
          rows: f.securityDefiner ? 'definer' : 'filtered',
          write: f.volatility === 'volatile',
          args: f.identityArgs,
        });
      }
    }
    return { role: role.name, as: role.as, exists: role.exists, endpoints };
  });
  return { authenticator: ctx.authenticator, schemas: [...ctx.exposedSchemas], roles };
}
