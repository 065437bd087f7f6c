/**
 * Shared by the plan/render tests: the conformance fixture's schema cache (read from a real database, see
 * fixture-schema-cache.ts) and a small ApiRequest builder (requests are built directly, so these tests do not
 * depend on the query-string parser).
 */
import type { PostgrestConfig } from '../config/types.js';
import type {
  Action,
  ApiRequest,
  EmbedPath,
  Filter,
  JsonPath,
  MediaType,
  NonnegRange,
  Operation,
  OrderTerm,
  Preferences,
  SelectItem,
} from '../request/types.js';
export { fixtureSchemaCache, useFixtureSchemaCache } from './fixture-schema-cache.js';

export const testConfig: Pick<PostgrestConfig, 'dbMaxRows' | 'dbAggregatesEnabled'> = {
  dbMaxRows: null,
  dbAggregatesEnabled: false,
};

// ---------------------------------------------------------------- select / filters

export function col(name: string, opts: { alias?: string; cast?: string; path?: JsonPath } = {}): SelectItem {
  return {
    type: 'field',
    field: { name, jsonPath: opts.path ?? [] },
    aggregate: null,
    aggregateCast: null,
    cast: opts.cast ?? null,
    alias: opts.alias ?? null,
  };
}

export function count(): SelectItem {
  return {
    type: 'field',
    field: { name: '*', jsonPath: [] },
    aggregate: 'count',
    aggregateCast: null,
    cast: null,
    alias: null,
  };
}

export function embed(
  relation: string,
  children: SelectItem[],
  opts: { alias?: string; hint?: string; inner?: boolean } = {},
): SelectItem {
  return {
    type: 'relation',
    relation,
    alias: opts.alias ?? null,
    hint: opts.hint ?? null,
    joinType: opts.inner ? 'inner' : null,
    children,
  };
}

export function spread(relation: string, children: SelectItem[]): SelectItem {
  return { type: 'spread', relation, hint: null, joinType: null, children };
}

export function eq(name: string, value: string): Filter {
  return op(name, { type: 'quant', op: 'eq', quantifier: null, value });
}

export function op(name: string, operation: Operation, negated = false): Filter {
  return { field: { name, jsonPath: [] }, opExpr: { type: 'op', negated, operation } };
}

export function asc(name: string): OrderTerm {
  return { type: 'field', field: { name, jsonPath: [] }, direction: 'asc', nulls: null };
}

// ---------------------------------------------------------------- requests

export interface RequestSpec {
  action: Action;
  select?: SelectItem[];
  filters?: { path: EmbedPath; filter: Filter }[];
  order?: { path: EmbedPath; terms: OrderTerm[] }[];
  ranges?: Record<string, NonnegRange>;
  preferences?: Partial<Preferences>;
  /** JSON body text. */
  body?: string;
  columns?: string[];
  params?: [string, string][];
  accept?: MediaType[];
  onConflict?: string[];
}

const qi = (name: string) => ({ schema: 'api', name });

export const read = (name: string): Action => ({ type: 'relation-read', qi: qi(name), headersOnly: false });
export const insert = (name: string): Action => ({ type: 'relation-mut', qi: qi(name), mutation: 'create' });
export const update = (name: string): Action => ({ type: 'relation-mut', qi: qi(name), mutation: 'update' });
export const remove = (name: string): Action => ({ type: 'relation-mut', qi: qi(name), mutation: 'delete' });
export const put = (name: string): Action => ({
  type: 'relation-mut',
  qi: qi(name),
  mutation: 'single-upsert',
});
export const rpcGet = (name: string): Action => ({
  type: 'routine',
  qi: qi(name),
  invokeMethod: { type: 'read', headersOnly: false },
});
export const rpcPost = (name: string): Action => ({
  type: 'routine',
  qi: qi(name),
  invokeMethod: { type: 'inv' },
});

export function request(spec: RequestSpec): ApiRequest {
  const filters = spec.filters ?? [];
  const ranges = spec.ranges ?? {};
  const body = spec.body;
  let keys: string[] = [];
  if (body !== undefined) {
    const v = JSON.parse(body) as unknown;
    const first = Array.isArray(v) ? (v[0] as unknown) : v;
    keys = first && typeof first === 'object' ? Object.keys(first) : [];
  }
  return {
    action: spec.action,
    ranges,
    topLevelRange: ranges['limit'] ?? { lower: 0, upper: null },
    payload: body === undefined ? null : { type: 'json', raw: body, keys },
    preferences: {
      resolution: null,
      representation: null,
      count: null,
      transaction: null,
      missing: null,
      handling: null,
      timezone: null,
      maxAffected: null,
      invalid: [],
      ...spec.preferences,
    },
    queryParams: {
      canonical: '',
      params: spec.params ?? [],
      ranges,
      order: spec.order ?? [],
      logic: [],
      columns: spec.columns ?? null,
      select: spec.select ?? [col('*')],
      filters,
      filtersRoot: filters.filter((f) => f.path.length === 0).map((f) => f.filter),
      filtersNotRoot: filters.filter((f) => f.path.length > 0),
      filterFields: filters.map((f) => [...f.path, f.filter.field.name].join('.')),
      onConflict: spec.onConflict ?? null,
    },
    columns: spec.columns ?? keys,
    headers: [],
    cookies: [],
    path: '/',
    method: 'GET',
    schema: 'api',
    negotiatedByProfile: false,
    acceptMediaTypes: spec.accept ?? [{ type: 'any' }],
    contentMediaType: { type: 'json' },
  };
}
