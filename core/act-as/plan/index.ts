/**
 * The act-as planner's entry point: ApiRequest + schema cache + config → Plan (PostgREST Plan.hs actionPlan).
 * Never throws: request errors come back as `err(PgrstError)`.
 */
import type { PostgrestConfig } from '../config/types.js';
import { attempt, pgrst, type Result } from '../errors/index.js';
import type { ApiRequest, QualifiedIdentifier } from '../request/types.js';
import { qualifiedKey, type SchemaCache, type Table } from '../schema-cache/types.js';
import { buildCallPlan, findProc } from './call-plan.js';
import { fuzzyBest } from './fuzzy.js';
import { buildMutatePlan } from './mutate-plan.js';
import { negotiate } from './negotiate.js';
import { PgrstError } from '../errors/index.js';
import { DEFAULT_POSTGREST_VERSION, behaves } from '../versions.js';
import { buildReadPlan } from './read-plan.js';
import type { Plan, ReadPlanTree } from './types.js';

export type * from './types.js';
export { contentTypeOf } from './negotiate.js';

export type PlanConfig = Pick<PostgrestConfig, 'dbMaxRows' | 'dbAggregatesEnabled'> &
  Partial<Pick<PostgrestConfig, 'dbPlanEnabled' | 'postgrestVersion' | 'urlUseLegacyTargetNames'>>;

/** How close a name must be to be suggested for a missing table or function (PostgREST 14.6 on: 0.75). */
const hintMinScore = (version: Pick<PostgrestConfig, 'postgrestVersion'>): number =>
  behaves(version, 'name-hints-close-only') ? 0.75 : 0.33;

function findTable(
  sc: SchemaCache,
  qi: QualifiedIdentifier,
  version: Pick<PostgrestConfig, 'postgrestVersion'>,
): Table {
  const t = sc.tables.get(qualifiedKey(qi));
  if (t) return t;
  const names = [...sc.tables.values()].filter((x) => x.schema === qi.schema).map((x) => x.name);
  // From 14.3 no hint is computed for a schema of 500 relations or more (its fuzzy set is too costly).
  const hinted = !behaves(version, 'name-hints-close-only') || names.length < 500;
  const s = hinted ? fuzzyBest(names, qi.name, hintMinScore(version)) : null;
  throw pgrst.tableNotFound(
    qi.schema,
    qi.name,
    s === null ? null : `Perhaps you meant the table '${qi.schema}.${s}'`,
  );
}

function checkStrictPrefs(req: ApiRequest): void {
  const p = req.preferences;
  if (p.handling === 'strict' && p.invalid.length > 0) throw pgrst.invalidPreferences(p.invalid);
}

function plan(req: ApiRequest, sc: SchemaCache, config: PlanConfig): Plan {
  const version = { postgrestVersion: config.postgrestVersion ?? DEFAULT_POSTGREST_VERSION };
  const opts = {
    maxRows: config.dbMaxRows,
    aggregatesEnabled: config.dbAggregatesEnabled,
    legacyTargetNames:
      !behaves(version, 'legacy-target-names-setting') || (config.urlUseLegacyTargetNames ?? true),
    ftsToTsVector: behaves(version, 'fts-to-tsvector'),
    rootLogicOnMutations: behaves(version, 'mutation-logic-filters-representation'),
    spreadAggregatesChecked: behaves(version, 'spread-aggregates-checked'),
    mutationOrders: behaves(version, 'mutation-representation-ordered'),
  };
  const act = req.action;
  switch (act.type) {
    case 'relation-read': {
      findTable(sc, act.qi, version);
      const readPlan = buildReadPlan(sc, act.qi, req, 'read', opts);
      const [handler, media] = negotiate(req, config.dbPlanEnabled ?? false);
      checkStrictPrefs(req);
      return {
        type: 'read',
        readPlan,
        headersOnly: act.headersOnly,
        handler,
        media,
        txMode: 'read',
        qi: act.qi,
      };
    }
    case 'relation-mut': {
      const table = findTable(sc, act.qi, version);
      const readPlan = buildReadPlan(sc, act.qi, req, 'mutate', opts);
      const limitedMutations = behaves(version, 'limited-update-delete');
      // PostgREST 12 refuses a limit on PATCH/DELETE without any order (v12.2.12 ApiRequest.hs:223).
      if (
        limitedMutations &&
        (req.method === 'PATCH' || req.method === 'DELETE') &&
        Object.keys(req.queryParams.ranges).length > 0 &&
        req.queryParams.order.length === 0
      )
        throw pgrst.limitNoOrder();
      const mutatePlan = buildMutatePlan(
        sc,
        act.mutation,
        act.qi,
        table,
        req,
        readPlan,
        limitedMutations,
        opts.ftsToTsVector,
      );
      checkStrictPrefs(req);
      const [handler, media] = negotiate(req, config.dbPlanEnabled ?? false);
      return {
        type: 'mutate',
        readPlan,
        mutatePlan,
        mutation: act.mutation,
        handler,
        media,
        txMode: 'write',
        qi: act.qi,
      };
    }
    case 'routine': {
      const inv = act.invokeMethod;
      const keys = new Set(inv.type === 'read' ? req.queryParams.params.map((p) => p[0]) : req.columns);
      const routine = findProc(
        sc,
        act.qi,
        keys,
        req.contentMediaType,
        inv.type === 'inv',
        req.preferences.params === 'single-object',
        behaves(version, 'single-param-fallback-unnamed-only'),
        hintMinScore(version),
      );
      const relName = routine.returns.composite ? routine.returns.type.name : routine.name;
      const relQi = { schema: routine.schema, name: relName };
      const readPlan = buildReadPlan(sc, relQi, req, 'call', opts);
      const callPlan = buildCallPlan(
        routine,
        req,
        keys,
        readPlan,
        behaves(version, 'rpc-filters-unselected-columns'),
      );
      const txMode = inv.type === 'read' || routine.volatility !== 'volatile' ? 'read' : 'write';
      const [handler, media] = negotiate(req, config.dbPlanEnabled ?? false);
      checkStrictPrefs(req);
      const p = req.preferences;
      // 12 let a single-row function through: its one row is counted against max-affected like a write's.
      if (
        p.maxAffected !== null &&
        p.handling === 'strict' &&
        !routine.returns.setOf &&
        behaves(version, 'max-affected-rpc-needs-set')
      ) {
        throw pgrst.maxAffectedRpcViolation();
      }
      return {
        type: 'call',
        readPlan,
        callPlan,
        routine,
        invokeMethod: inv,
        handler,
        media,
        txMode,
        qi: act.qi,
      };
    }
    case 'relation-info': {
      const t = findTable(sc, act.qi, version);
      const hasPk = t.pk.length > 0;
      const allow = [
        'OPTIONS,GET,HEAD',
        ...(t.insertable ? ['POST'] : []),
        ...(t.insertable && t.updatable && hasPk ? ['PUT'] : []),
        ...(t.updatable ? ['PATCH'] : []),
        ...(t.deletable ? ['DELETE'] : []),
      ].join(',');
      return { type: 'info', allow };
    }
    case 'routine-info': {
      const keys = new Set(req.queryParams.params.map((p) => p[0]));
      const routine = findProc(
        sc,
        act.qi,
        keys,
        req.contentMediaType,
        act.invokeMethod.type === 'inv',
        req.preferences.params === 'single-object',
        behaves(version, 'single-param-fallback-unnamed-only'),
        hintMinScore(version),
      );
      return {
        type: 'info',
        allow: routine.volatility === 'volatile' ? 'OPTIONS,POST' : 'OPTIONS,GET,HEAD,POST',
      };
    }
    case 'schema-info':
      return { type: 'info', allow: 'OPTIONS,GET,HEAD' };
    case 'schema-read':
      // The simulator answers the root itself (core/act-as/openapi): the document is no plan of a relation.
      throw pgrst.notImplemented('The OpenAPI root is answered by core/act-as/openapi, not planned');
  }
}

/** Plans a parsed request against the schema cache: a Plan, or the PgrstError PostgREST would answer with. */
/** PostgREST before 13 refused to spread a to-many embed (v12.2.12 Plan.hs validateSpreadEmbeds). */
function checkSpreads(tree: ReadPlanTree): void {
  for (const child of tree.children) {
    const rel = child.node.relToParent;
    if (child.node.relSpread?.type === 'to-many' && rel)
      throw new PgrstError({
        status: 400,
        code: 'PGRST119',
        message: `A spread operation on '${child.node.relName}' is not possible`,
        details: `'${rel.table.name}' and '${child.node.relName}' do not form a many-to-one or one-to-one relationship`,
      });
    checkSpreads(child);
  }
}

export function planRequest(req: ApiRequest, sc: SchemaCache, config: PlanConfig): Result<Plan> {
  return attempt(() => {
    const p = plan(req, sc, config);
    const version = { postgrestVersion: config.postgrestVersion ?? DEFAULT_POSTGREST_VERSION };
    if (p.type !== 'info' && !behaves(version, 'spread-to-many')) checkSpreads(p.readPlan);
    return p;
  });
}

/** `Stages.plan` for the simulator. */
export function planStage(request: ApiRequest, config: PlanConfig, schemaCache: SchemaCache): Result<Plan> {
  return planRequest(request, schemaCache, config);
}
