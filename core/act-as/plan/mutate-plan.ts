/** Insert/update/upsert/delete plans (PostgREST Plan.hs mutatePlan). */
import { pgrst } from '../errors/index.js';
import type { ApiRequest, Mutation } from '../request/types.js';
import type { QualifiedName, SchemaCache, Table } from '../schema-cache/types.js';
import { inferColsEmbedNeeds } from './read-plan.js';
import { allRange, rangeEquals } from '../request/range.js';
import { columnField, resolveFilter, resolveLogicTree, resolveOrder, withJsonParse } from './resolve.js';
import type { CoercibleField, MutatePlan, PlanLogicTree, ReadPlanTree } from './types.js';

function typedColumns(sc: SchemaCache, table: Table, names: readonly string[]): CoercibleField[] {
  return [...new Set(names)].sort().map((n) => {
    const col = table.columnsByName.get(n);
    if (!col) throw pgrst.columnNotFound(table.name, n);
    return withJsonParse(sc, columnField(col));
  });
}

function payloadBody(req: ApiRequest): string | null {
  const p = req.payload;
  if (!p) return null;
  if (p.type === 'json' || p.type === 'raw-json') return p.raw;
  if (p.type === 'urlencoded') return JSON.stringify(Object.fromEntries(p.pairs));
  return p.raw;
}

export function buildMutatePlan(
  sc: SchemaCache,
  mutation: Mutation,
  qi: QualifiedName,
  table: Table,
  req: ApiRequest,
  readTree: ReadPlanTree,
  limitedMutations = false,
  ftsToTsVector = true,
): MutatePlan {
  const qp = req.queryParams;
  const prefs = req.preferences;
  const pkCols = table.pk;
  const returning =
    prefs.representation === 'none' || prefs.representation === null
      ? []
      : inferColsEmbedNeeds(readTree, pkCols);
  const rootLogic = qp.logic
    .filter((l) => l.path.length === 0)
    .map((l) => resolveLogicTree(sc, qi, l.tree, ftsToTsVector));
  const where: PlanLogicTree[] = [
    ...qp.filtersRoot.map((f): PlanLogicTree => ({
      type: 'stmnt',
      filter: resolveFilter(sc, qi, f, ftsToTsVector),
    })),
    ...rootLogic,
  ];
  const body = payloadBody(req);
  const applyDefaults = prefs.missing === 'default';
  // PostgREST 12: a limit on PATCH/DELETE limits the rows changed, in the root's order (Plan.hs mutatePlan).
  const limited =
    limitedMutations && !rangeEquals(req.topLevelRange, allRange)
      ? {
          limited: {
            range: req.topLevelRange,
            // the root's order terms as given (v12.2.12 Plan.hs:945 rootOrder), not the representation's
            order: (req.queryParams.order.find((o) => o.path.length === 0)?.terms ?? []).map((t) =>
              resolveOrder(sc, qi, t),
            ),
          },
        }
      : {};
  switch (mutation) {
    case 'create':
      return {
        type: 'insert',
        into: qi,
        columns: typedColumns(sc, table, req.columns),
        body,
        onConflict: prefs.resolution
          ? { resolution: prefs.resolution, columns: qp.onConflict ?? pkCols }
          : null,
        where: [],
        returning,
        pkCols,
        applyDefaults,
      };
    case 'update':
      return {
        type: 'update',
        table: qi,
        columns: typedColumns(sc, table, req.columns),
        body,
        where,
        returning,
        applyDefaults,
        ...limited,
      };
    case 'single-upsert': {
      const filterFields = new Set(qp.filtersRoot.map((f) => f.field.name));
      const pk = new Set(pkCols);
      const ok =
        rootLogic.length === 0 &&
        pk.size > 0 &&
        filterFields.size === pk.size &&
        [...filterFields].every((f) => pk.has(f)) &&
        qp.filtersRoot.every(
          (f) =>
            f.opExpr.type === 'op' &&
            !f.opExpr.negated &&
            f.opExpr.operation.type === 'quant' &&
            f.opExpr.operation.op === 'eq' &&
            f.opExpr.operation.quantifier === null,
        );
      if (!ok) throw pgrst.invalidFilters();
      return {
        type: 'insert',
        into: qi,
        columns: typedColumns(sc, table, req.columns),
        body,
        onConflict: { resolution: 'merge-duplicates', columns: pkCols },
        where,
        returning,
        pkCols: [],
        applyDefaults: false,
      };
    }
    case 'delete':
      return { type: 'delete', from: qi, where, returning, ...limited };
  }
}
