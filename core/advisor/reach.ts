import type { HttpMethod, ReachEndpoint, ReachMap, RowFilter } from '../../shared/contract/advisor.js';
import { toRuns } from '../../shared/contract/advisor.js';
import type { Relation } from '../../shared/model/catalog.js';
import { functionKey, relationKey, type RelationGrants } from './access.js';
import { rowsFilteredFor, type AdvisorContext } from './context.js';

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

type Method = { readonly method: HttpMethod; readonly columns: string[] | null };

/**
 * The HTTP methods PostgREST allows on a relation with these grants: GET/HEAD with SELECT, POST with INSERT,
 * PATCH with UPDATE, PUT (an upsert) with INSERT and UPDATE, DELETE with DELETE — views only where updatable.
 */
function relationMethods(r: Relation, g: RelationGrants): Method[] {
  const out: Method[] = [];
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

/**
 * relationMethods, shared between endpoints when every privilege covers the whole relation (the usual case): with
 * hundreds of request roles the reach map holds millions of endpoints, and one method list per pair was most of
 * its memory. Keyed by which privileges are held and what the relation allows (4 + 3 bits).
 */
const sharedMethods = new Map<number, readonly Method[]>();
/** Column-limited lists, shared per relation and set of columns (roles in a chain hold the same column grants). */
const columnMethods = new WeakMap<Relation, Map<string, readonly Method[]>>();
function methodsOf(r: Relation, g: RelationGrants): readonly Method[] {
  let key = (r.insertable ? 16 : 0) | (r.updatable ? 32 : 0) | (r.deletable ? 64 : 0);
  const parts = [g.SELECT, g.INSERT, g.UPDATE, g.DELETE];
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    if (p === undefined) continue;
    if (p !== 'all') return columnLimited(r, g, parts);
    key |= 1 << i;
  }
  let shared = sharedMethods.get(key);
  if (shared === undefined) sharedMethods.set(key, (shared = Object.freeze(relationMethods(r, g))));
  return shared;
}

function columnLimited(
  r: Relation,
  g: RelationGrants,
  parts: readonly (RelationGrants[keyof RelationGrants] | undefined)[],
): readonly Method[] {
  let sig = '';
  for (const p of parts) sig += (p === undefined ? '-' : p === 'all' ? '*' : p.join('\u0001')) + '\u0002';
  let byRelation = columnMethods.get(r);
  if (byRelation === undefined) columnMethods.set(r, (byRelation = new Map()));
  let shared = byRelation.get(sig);
  if (shared === undefined) byRelation.set(sig, (shared = Object.freeze(relationMethods(r, g))));
  return shared;
}

/** RPC: GET for functions that do not modify (stable, immutable), POST for all. */
const RPC_READ: readonly Method[] = Object.freeze([
  { method: 'GET', columns: null },
  { method: 'HEAD', columns: null },
  { method: 'POST', columns: null },
]);
const RPC_WRITE: readonly Method[] = Object.freeze([{ method: 'POST', columns: null }]);

/**
 * The map's endpoint entries, shared by every role that reaches an endpoint the same way: per target (a relation or
 * function), an entry per (method list, rows) — method lists are shared arrays in the usual case, so identity is
 * the key; a column-limited list is its own entry.
 */
class Entries {
  readonly list: ReachEndpoint[] = [];
  private readonly index = new Map<object, Map<Method[] | readonly Method[], Map<RowFilter, number>>>();

  at(target: object, methods: readonly Method[], rows: RowFilter, make: () => ReachEndpoint): number {
    let byMethods = this.index.get(target);
    if (byMethods === undefined) this.index.set(target, (byMethods = new Map()));
    let byRows = byMethods.get(methods);
    if (byRows === undefined) byMethods.set(methods, (byRows = new Map()));
    let i = byRows.get(rows);
    if (i === undefined) {
      i = this.list.push(make()) - 1;
      byRows.set(rows, i);
    }
    return i;
  }
}

/**
 * For each request role, every endpoint of the exposed schemas it can reach, and whether RLS filters its rows.
 * Roles list indexes into the shared entries, in endpoint order.
 */
export function reachMap(ctx: AdvisorContext): ReachMap {
  const relations = ctx.exposedRelations.map((r) => ({
    r,
    key: relationKey(r.schema, r.name),
    path: pathOf(ctx, r.schema, r.name, false),
  }));
  const functions = ctx.exposedFunctions.map((f) => ({
    f,
    key: functionKey(f.schema, f.name, f.identityArgs),
    path: pathOf(ctx, f.schema, f.name, true),
    methods: f.volatility === 'volatile' ? RPC_WRITE : RPC_READ,
  }));
  const entries = new Entries();
  const roles = ctx.requestRoles.map((role) => {
    const endpoints: number[] = [];
    if (role.exists) {
      const held = ctx.access.relations(role.name);
      const usage = new Map<string, boolean>();
      const usable = (schema: string) => {
        let u = usage.get(schema);
        if (u === undefined) usage.set(schema, (u = ctx.access.schemaUsage(role.name, schema)));
        return u;
      };
      for (const { r, key, path } of relations) {
        const g = held.get(key);
        if (g === undefined || !usable(r.schema)) continue;
        const methods = methodsOf(r, g);
        if (methods.length === 0) continue;
        const rows = rowFilter(ctx, role.name, r);
        endpoints.push(
          entries.at(r, methods, rows, () => ({
            path,
            schema: r.schema,
            name: r.name,
            kind: r.kind,
            methods: methods as ReachEndpoint['methods'],
            rows,
            write: methods.some((m) => m.method !== 'GET' && m.method !== 'HEAD'),
            args: null,
          })),
        );
      }
      const executable = ctx.access.functions(role.name);
      for (const { f, key, path, methods } of functions) {
        if (!executable.has(key) || !usable(f.schema)) continue;
        const rows: RowFilter = f.securityDefiner ? 'definer' : 'filtered';
        endpoints.push(
          entries.at(f, methods, rows, () => ({
            path,
            schema: f.schema,
            name: f.name,
            kind: 'function',
            methods: methods as ReachEndpoint['methods'],
            rows,
            write: f.volatility === 'volatile',
            args: f.identityArgs,
          })),
        );
      }
    }
    return { role: role.name, as: role.as, exists: role.exists, runs: toRuns(endpoints) };
  });
  return {
    authenticator: ctx.authenticator,
    schemas: [...ctx.exposedSchemas],
    endpoints: entries.list,
    roles,
  };
}
