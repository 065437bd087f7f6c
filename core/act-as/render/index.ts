/**
 * The act-as renderer's entry point: Plan → the one main statement PostgREST would run (Query/Statements.hs
 * mainRead/mainWrite/mainCall), plus what the executor and response stages need to know about it.
 */
import { contentTypeOf } from '../plan/negotiate.js';
import type { MediaHandler, Plan, ReadPlanTree } from '../plan/types.js';
import type { PostgrestConfig } from '../config/types.js';
import { attempt, type Result } from '../errors/index.js';
import type { ApiRequest, Preferences, NonnegRange } from '../request/types.js';
import type { Routine } from '../schema-cache/types.js';
import { countQuery, readQuery } from './read.js';
import { Params } from './sql.js';
import type { BodyMedia, RenderedStatement, StatementKind } from './types.js';
import { callQuery, mutateQuery } from './write.js';

export type * from './types.js';

const SOURCE = 'pgrst_source';
const RESPONSE_HEADERS = "nullif(current_setting('response.headers', true), '')";
const RESPONSE_STATUS = "nullif(current_setting('response.status', true), '')";
const NO_LOCATION = 'array[]::text[]';

function stripped(strip: boolean, sql: string): string {
  return strip ? `json_strip_nulls(${sql})` : sql;
}

/** The body aggregate (PostgREST handlerF); json results are cast to text so every client reads the same bytes. */
function bodyAggregate(handler: MediaHandler, rout: Routine | null): string {
  const scalar = rout !== null && !rout.returns.setOf && !rout.returns.composite;
  const setOfScalar = rout !== null && rout.returns.setOf && !rout.returns.composite;
  const singleComposite = rout !== null && !rout.returns.setOf && rout.returns.composite;
  const asJson = (strip: boolean) => {
    if (singleComposite) return `coalesce(${stripped(strip, 'json_agg(_postgrest_t)->0')}, 'null')`;
    if (scalar) return `coalesce(${stripped(strip, 'json_agg(_postgrest_t.pgrst_scalar)->0')}, 'null')`;
    if (setOfScalar) return `coalesce(${stripped(strip, 'json_agg(_postgrest_t.pgrst_scalar)')}, '[]')`;
    return `coalesce(${stripped(strip, 'json_agg(_postgrest_t)')}, '[]')`;
  };
  switch (handler.type) {
    case 'json':
      return `(${asJson(false)})::text`;
    case 'json-strip':
      return `(${asJson(true)})::text`;
    case 'single':
      return scalar
        ? `(coalesce(${stripped(handler.stripNulls, 'json_agg(_postgrest_t.pgrst_scalar)->0')}, 'null'))::text`
        : `(coalesce(${stripped(handler.stripNulls, 'json_agg(_postgrest_t)->0')}, 'null'))::text`;
    case 'csv':
      return (
        `(SELECT coalesce(string_agg(a.k, ','), '')  FROM (    SELECT json_object_keys(r)::text as k    FROM ( ` +
        `      SELECT row_to_json(hh) as r from ${SOURCE} as hh limit 1    ) s  ) a)` +
        ` || '\n' || coalesce(string_agg(substring(_postgrest_t::text, 2, length(_postgrest_t::text) - 2), '\n'), '')`
      );
    case 'geojson':
      return "(json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(ST_AsGeoJSON(_postgrest_t)::json), '[]')))::text";
    case 'none':
      return "''::text";
  }
}

function bodyMedia(h: MediaHandler): BodyMedia {
  switch (h.type) {
    case 'json':
    case 'json-strip':
    case 'geojson':
      return 'json';
    case 'single':
      return 'singular-json';
    case 'csv':
      return 'csv';
    case 'none':
      return 'none';
  }
}

const isAllRange = (r: NonnegRange) => r.lower === 0 && r.upper === null;

/** count=exact/estimated: a count CTE when a limit applies, else the page count is the total. */
function countParts(
  p: Params,
  tree: ReadPlanTree,
  count: Preferences['count'],
  maxRows: number | null,
  pageCount: string,
): [string, string] {
  if (count !== 'exact' && count !== 'estimated') return ['', 'null::bigint'];
  if (maxRows !== null || !isAllRange(tree.node.range)) {
    // estimated: count at most db-max-rows + 1 rows, enough to know the limit was passed (then EXPLAIN decides)
    const cap = count === 'estimated' && maxRows !== null ? ` LIMIT ${Math.trunc(maxRows) + 1}` : '';
    return [
      `, pgrst_source_count AS (${countQuery(p, tree)}${cap})`,
      '(SELECT pg_catalog.count(*) FROM pgrst_source_count)',
    ];
  }
  return ['', pageCount];
}

function preferenceApplied(
  plan: Exclude<Plan, { type: 'info' }>,
  prefs: Preferences,
  onConflict: boolean,
): string[] {
  const out: string[] = [];
  const mut = plan.type === 'mutate' ? plan.mutation : null;
  if (
    mut === 'create' &&
    prefs.resolution !== null &&
    plan.type === 'mutate' &&
    (onConflict || hasPk(plan))
  ) {
    out.push(`resolution=${prefs.resolution}`);
  }
  if ((mut === 'create' || mut === 'update') && prefs.missing !== null) out.push(`missing=${prefs.missing}`);
  if (mut !== null && prefs.representation !== null) {
    const r = { full: 'representation', none: 'minimal', 'headers-only': 'headers-only' }[
      prefs.representation
    ];
    out.push(`return=${r}`);
  }
  // PostgREST 12 names params=single-object on a call's response (v12.2.12 Response.hs:209).
  if (plan.type === 'call' && prefs.params === 'single-object') out.push('params=single-object');
  if (prefs.count !== null) out.push(`count=${prefs.count}`);
  if (prefs.transaction !== null) out.push(`tx=${prefs.transaction}`);
  if (prefs.handling !== null) out.push(`handling=${prefs.handling}`);
  if (prefs.timezone !== null) out.push(`timezone=${prefs.timezone}`);
  const maxAffectedApplies = mut === 'update' || mut === 'delete' || plan.type === 'call';
  if (maxAffectedApplies && prefs.handling === 'strict' && prefs.maxAffected !== null) {
    out.push(`max-affected=${prefs.maxAffected}`);
  }
  return out;
}

function hasPk(plan: Extract<Plan, { type: 'mutate' }>): boolean {
  return plan.mutatePlan.type === 'insert' && plan.mutatePlan.pkCols.length > 0;
}

export interface RenderOptions {
  readonly preferences: Preferences;
  /** The top-level range (limit/offset + Range header) for Content-Range. */
  readonly topLevelRange: NonnegRange;
  /** `on_conflict=` was given. */
  readonly onConflictGiven: boolean;
  readonly maxRows: number | null;
}

/** Renders a database plan (not an OPTIONS `info` plan) into its main statement. */
export function renderPlan(plan: Exclude<Plan, { type: 'info' }>, opts: RenderOptions): RenderedStatement {
  const p = new Params();
  const prefs = opts.preferences;
  let sql: string;
  let kind: StatementKind;
  let countSql: string | null = null;
  let countParams: (string | null)[] = [];
  let returnsVoid = false;
  const explainCount = (tree: ReadPlanTree) => {
    if (prefs.count !== 'planned' && prefs.count !== 'estimated') return;
    const cp = new Params();
    countSql = countQuery(cp, tree);
    countParams = cp.values;
  };

  if (plan.type === 'read') {
    kind = 'read';
    const select = readQuery(p, plan.readPlan);
    const pageCount = 'pg_catalog.count(_postgrest_t)';
    const [cte, total] = countParts(p, plan.readPlan, prefs.count, opts.maxRows, pageCount);
    sql =
      `WITH ${SOURCE} AS ( ${select} ) ${cte} SELECT ${total} AS total_result_set, ${pageCount} AS page_total, ` +
      `${bodyAggregate(plan.handler, null)} AS body, ${RESPONSE_HEADERS} AS response_headers, ` +
      `${RESPONSE_STATUS} AS response_status, '' AS response_inserted FROM ( SELECT * FROM ${SOURCE} ) _postgrest_t`;
    explainCount(plan.readPlan);
  } else if (plan.type === 'mutate') {
    const m = plan.mutatePlan;
    const isPut = m.type === 'insert' && m.where.length > 0;
    kind = m.type === 'insert' ? (isPut ? 'upsert' : 'insert') : m.type;
    const mutate = mutateQuery(p, m);
    const merge = m.type === 'insert' && m.onConflict?.resolution === 'merge-duplicates';
    const inserted =
      m.type === 'insert' && (isPut || merge)
        ? "nullif(current_setting('pgrst.inserted', true),'')::int"
        : "''";
    let loc = NO_LOCATION;
    if (m.type === 'insert' && prefs.representation === 'headers-only') {
      const keys = p.add(
        `{${m.pkCols.map((c) => `"${c.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`,
      );
      const location =
        `(WITH data AS (SELECT row_to_json(_) AS row FROM ${SOURCE} AS _ LIMIT 1) ` +
        `SELECT array_agg(json_data.key || '=' || coalesce('eq.' || json_data.value, 'is.null')) ` +
        `FROM data CROSS JOIN json_each_text(data.row) AS json_data WHERE json_data.key = ANY (${keys}::text[]))`;
      loc = `CASE WHEN pg_catalog.count(_postgrest_t) = 1 THEN coalesce(${location}, ${NO_LOCATION}) ELSE ${NO_LOCATION} END`;
    }
    const selectF = plan.handler.type === 'none' ? `SELECT * FROM ${SOURCE}` : readQuery(p, plan.readPlan);
    sql =
      `WITH ${SOURCE} AS (${mutate}) SELECT '' AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, ` +
      `${loc} AS header, ${bodyAggregate(plan.handler, null)} AS body, ${RESPONSE_HEADERS} AS response_headers, ` +
      `${RESPONSE_STATUS} AS response_status, ${inserted} AS response_inserted FROM (${selectF}) _postgrest_t`;
  } else {
    kind = 'call';
    returnsVoid = plan.routine.returns.isVoid;
    const call = callQuery(p, plan.callPlan);
    const pageCount = plan.routine.returns.setOf ? 'pg_catalog.count(_postgrest_t)' : '1';
    const [cte, total] = countParts(p, plan.readPlan, prefs.count, opts.maxRows, pageCount);
    const select = readQuery(p, plan.readPlan);
    sql =
      `WITH ${SOURCE} AS (${call}) ${cte}SELECT ${total} AS total_result_set, ${pageCount} AS page_total, ` +
      `${bodyAggregate(plan.handler, plan.routine)} AS body, ${RESPONSE_HEADERS} AS response_headers, ` +
      `${RESPONSE_STATUS} AS response_status, '' AS response_inserted FROM (${select}) _postgrest_t`;
    // PostgREST only EXPLAINs the count of plain reads; a call's planned count stays unknown
  }

  // An execution plan: EXPLAIN of the very statement (Statements.hs mtSnippet / SqlFragment.hs explainF).
  const explain = plan.media.type === 'plan' ? { format: plan.media.format } : null;
  if (plan.media.type === 'plan') {
    const options = plan.media.options.map((o) => o.toUpperCase());
    sql = `EXPLAIN (${[`FORMAT ${plan.media.format.toUpperCase()}`, ...options].join(', ')}) ${sql}`;
    countSql = null;
    countParams = [];
  }
  const r = opts.topLevelRange;
  const headersOnly =
    (plan.type === 'read' && plan.headersOnly) ||
    (plan.type === 'call' && plan.invokeMethod.type === 'read' && plan.invokeMethod.headersOnly);
  const rep = prefs.representation;
  return {
    sql,
    params: p.values,
    kind,
    txMode: plan.txMode,
    media: bodyMedia(plan.handler),
    contentType: contentTypeOf(plan.media),
    // PostgREST checks the negotiated media type (MainTx.hs failNotSingular), so return=minimal and HEAD count too.
    singular: plan.media.type === 'singular',
    explain,
    relationName: plan.qi.name,
    headersOnly,
    count: prefs.count,
    countSql,
    countParams,
    range: { offset: r.lower, limit: r.upper === null ? null : r.upper - r.lower + 1 },
    representation:
      rep === 'full' ? 'full' : rep === 'headers-only' ? 'headers-only' : rep === 'none' ? 'minimal' : null,
    resolution: plan.type === 'mutate' && plan.mutation === 'create' ? prefs.resolution : null,
    returnsVoid,
    maxAffected: prefs.handling === 'strict' ? prefs.maxAffected : null,
    preferenceApplied: preferenceApplied(plan, prefs, opts.onConflictGiven),
  };
}

/** `Stages.render` for the simulator: renders a plan with the request's preferences and range. */
export function renderStage(
  plan: Exclude<Plan, { type: 'info' }>,
  request: ApiRequest,
  config: Pick<PostgrestConfig, 'dbMaxRows'>,
): Result<RenderedStatement> {
  return attempt(() =>
    renderPlan(plan, {
      preferences: request.preferences,
      topLevelRange: request.topLevelRange,
      onConflictGiven: request.queryParams.onConflict !== null,
      maxRows: config.dbMaxRows,
    }),
  );
}
