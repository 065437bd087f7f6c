/**
 * The typed form of an HTTP request as PostgREST understands it (PostgREST's ApiRequest/Types.hs, ApiRequest.hs,
 * QueryParams.hs, Preferences.hs, MediaType.hs). Produced by `parseApiRequest` without the schema cache:
 * catalog-dependent decisions (relationships, columns, functions) are left to the planner.
 * Everything here is plain data (JSON-serialisable), so the studio can display it.
 */
import type { Json } from '../errors/pgrst-error.js';

export type { Json };

/** `schema.name` of a table, view or function. */
export type QualifiedIdentifier = { schema: string; name: string };

// ---------------------------------------------------------------- resource & action

/** What the path names: `/tasks`, `/rpc/fn`, or `/` (schema root). */
export type Resource =
  { type: 'relation'; name: string } | { type: 'routine'; name: string } | { type: 'schema' };

/** How a function is invoked: POST (`inv`), GET (`read`, headersOnly=false), HEAD (`read`, headersOnly=true). */
export type InvokeMethod = { type: 'inv' } | { type: 'read'; headersOnly: boolean };

export type Mutation = 'create' | 'update' | 'single-upsert' | 'delete';

/**
 * PostgREST's Action (ActDb … | Act…Info), flattened. `relation-read`, `relation-mut`, `routine`, `schema-read` are
 * the database actions; the `*-info` ones answer OPTIONS.
 */
export type Action =
  | { type: 'relation-read'; qi: QualifiedIdentifier; headersOnly: boolean }
  | { type: 'relation-mut'; qi: QualifiedIdentifier; mutation: Mutation }
  | { type: 'routine'; qi: QualifiedIdentifier; invokeMethod: InvokeMethod }
  | { type: 'schema-read'; schema: string; headersOnly: boolean }
  | { type: 'relation-info'; qi: QualifiedIdentifier }
  | { type: 'routine-info'; qi: QualifiedIdentifier; invokeMethod: InvokeMethod }
  | { type: 'schema-info' };

// ---------------------------------------------------------------- fields & json paths

/** `->` or `->>` followed by a key or an array index (index text keeps PostgREST's sign: "+0", "-1"). */
export type JsonOperand = { type: 'key'; value: string } | { type: 'idx'; value: string };
export type JsonOperation = { arrow: '->' | '->>'; operand: JsonOperand };
export type JsonPath = JsonOperation[];

/** A column (or `*`) with an optional JSON path: `settings->langs->>0` */
export type Field = { name: string; jsonPath: JsonPath };

// ---------------------------------------------------------------- select

export type AggregateFunction = 'sum' | 'avg' | 'max' | 'min' | 'count';
export type JoinType = 'inner' | 'left';

/**
 * One node of `select=`:
 * - `field`: `alias:col->path::cast`, `col.sum()::int`, `count()` (field `*`, aggregate count), `*`
 * - `relation`: `alias:rel!hint!inner(…)` (embedding)
 * - `spread`: `...rel!hint(…)`
 */
export type SelectItem =
  | {
      type: 'field';
      field: Field;
      aggregate: AggregateFunction | null;
      aggregateCast: string | null;
      cast: string | null;
      alias: string | null;
    }
  | {
      type: 'relation';
      relation: string;
      alias: string | null;
      hint: string | null;
      joinType: JoinType | null;
      children: SelectItem[];
    }
  | {
      type: 'spread';
      relation: string;
      hint: string | null;
      joinType: JoinType | null;
      children: SelectItem[];
    };

// ---------------------------------------------------------------- filters & logic

/** Operators that accept `(any)` / `(all)`: `eq(any).{a,b}` */
export type QuantOperator = 'eq' | 'gte' | 'gt' | 'lte' | 'lt' | 'like' | 'ilike' | 'match' | 'imatch';
/** Operators that take a single value and no quantifier. */
export type SimpleOperator = 'neq' | 'cs' | 'cd' | 'ov' | 'sl' | 'sr' | 'nxr' | 'nxl' | 'adj';
export type FtsOperator = 'fts' | 'plfts' | 'phfts' | 'wfts';
export type IsVal = 'null' | 'not_null' | 'true' | 'false' | 'unknown';
export type OpQuantifier = 'any' | 'all';

/** The value part of a filter. Values stay text: PostgreSQL casts them (PostgREST binds them as unknown). */
export type Operation =
  | { type: 'simple'; op: SimpleOperator; value: string }
  | { type: 'quant'; op: QuantOperator; quantifier: OpQuantifier | null; value: string }
  | { type: 'in'; values: string[] }
  | { type: 'is'; value: IsVal }
  | { type: 'isdistinct'; value: string }
  | { type: 'fts'; op: FtsOperator; language: string | null; value: string };

/**
 * `op`: an operator expression, `negated` by a leading `not.`.
 * `noop`: a GET/HEAD RPC argument without operator (`/rpc/add?a=2` → noop "2").
 */
export type OpExpr = { type: 'op'; negated: boolean; operation: Operation } | { type: 'noop'; value: string };

export type Filter = { field: Field; opExpr: OpExpr };

/** `or=(a.eq.1,and(b.gt.2,c.is.null))` → expr(or, [stmnt, expr(and, …)]) */
export type LogicOperator = 'and' | 'or';
export type LogicTree =
  | { type: 'expr'; negated: boolean; operator: LogicOperator; children: LogicTree[] }
  | { type: 'stmnt'; filter: Filter };

/** `items.qty=gt.1` → path ["items"]; root filters have []. */
export type EmbedPath = string[];

// ---------------------------------------------------------------- order

export type OrderDirection = 'asc' | 'desc';
export type OrderNulls = 'nullsfirst' | 'nullslast';
export type OrderTerm =
  | { type: 'field'; field: Field; direction: OrderDirection | null; nulls: OrderNulls | null }
  | {
      type: 'relation';
      relation: string;
      field: Field;
      direction: OrderDirection | null;
      nulls: OrderNulls | null;
    };

// ---------------------------------------------------------------- ranges

/**
 * A non-negative row range, inclusive bounds; `upper: null` = unbounded. `limit=0` is `{lower: 0, upper: -1}`
 * (PostgREST's limitZeroRange). Helpers in range.ts (rangeOffset, rangeLimit, …).
 */
export type NonnegRange = { lower: number; upper: number | null };

// ---------------------------------------------------------------- query params

export type QueryParams = {
  /** Query string with parameters sorted by name, re-encoded (PostgREST's qsCanonical). */
  canonical: string;
  /** RPC arguments (GET/HEAD calls): filters without operator, in query order, repeated names kept. */
  params: [string, string][];
  /** `limit`/`offset` per embed path key: "limit" for the root, "items.limit" for an embed. */
  ranges: Record<string, NonnegRange>;
  order: { path: EmbedPath; terms: OrderTerm[] }[];
  logic: { path: EmbedPath; tree: LogicTree }[];
  /** `columns=` (null when absent). */
  columns: string[] | null;
  /** `select=` (default `*`). */
  select: SelectItem[];
  /** All filters with an operator (root and embedded) in query order. */
  filters: { path: EmbedPath; filter: Filter }[];
  filtersRoot: Filter[];
  filtersNotRoot: { path: EmbedPath; filter: Filter }[];
  /** Names of every filter parameter key (as written, e.g. "items.qty"). */
  filterFields: string[];
  /** `on_conflict=` (null when absent). */
  onConflict: string[] | null;
};

// ---------------------------------------------------------------- preferences

export type PreferResolution = 'merge-duplicates' | 'ignore-duplicates';
export type PreferRepresentation = 'full' | 'none' | 'headers-only';
export type PreferCount = 'exact' | 'planned' | 'estimated';
export type PreferTransaction = 'commit' | 'rollback';
export type PreferMissing = 'default' | 'null';
export type PreferHandling = 'strict' | 'lenient';

/** The Prefer header(s). `invalid` lists unrecognised preferences (PGRST122 when handling=strict). */
export type Preferences = {
  resolution: PreferResolution | null;
  representation: PreferRepresentation | null;
  count: PreferCount | null;
  /** Only set when db-tx-end allows overriding (`*-allow-override`). */
  transaction: PreferTransaction | null;
  missing: PreferMissing | null;
  handling: PreferHandling | null;
  timezone: string | null;
  maxAffected: number | null;
  /** `params=single-object`: only PostgREST 12 reads it (removed in 13, CHANGELOG 13.0.0 #3757); else absent. */
  params?: 'single-object';
  invalid: string[];
};

// ---------------------------------------------------------------- media types

export type PlanOption = 'analyze' | 'verbose' | 'settings' | 'buffers' | 'wal';
export type MediaType =
  | { type: 'json' }
  | { type: 'geojson' }
  | { type: 'csv' }
  | { type: 'text' }
  | { type: 'xml' }
  | { type: 'openapi' }
  | { type: 'urlencoded' }
  | { type: 'octet-stream' }
  | { type: 'any' }
  /** application/vnd.pgrst.array+json;nulls=stripped */
  | { type: 'array-stripped' }
  /** application/vnd.pgrst.object+json (nulls=stripped when stripNulls) */
  | { type: 'singular'; stripNulls: boolean }
  | { type: 'plan'; for: MediaType; format: 'json' | 'text'; options: PlanOption[] }
  | { type: 'other'; mime: string };

// ---------------------------------------------------------------- payload

/**
 * The request body, as PostgREST keeps it (Payload):
 * - `json`: a JSON object/array (also from CSV or a form on a table): `raw` is JSON text, `keys` the columns.
 * - `urlencoded`: form body of an RPC call (pairs as sent).
 * - `raw-json`: JSON body sent with `columns=` (not inspected; keys come from `columns`).
 * - `raw`: text/plain, text/xml or octet-stream body of an RPC call (single unnamed parameter).
 */
export type Payload =
  | { type: 'json'; raw: string; keys: string[] }
  | { type: 'urlencoded'; pairs: [string, string][]; keys: string[] }
  | { type: 'raw-json'; raw: string }
  | { type: 'raw'; raw: string; bytes: Uint8Array };

// ---------------------------------------------------------------- request

/** The raw HTTP request handed to the parser. Header names are case-insensitive. */
export type HttpRequestInput = {
  method: string;
  /** Request target: path plus optional `?query` (percent-encoded as on the wire). */
  target: string;
  headers: Readonly<Record<string, string>> | readonly (readonly [string, string])[];
  body?: string | Uint8Array | null;
};

export type ApiRequest = {
  action: Action;
  /** Ranges per embed level ("limit" = root), after combining the Range header with limit/offset. */
  ranges: Record<string, NonnegRange>;
  topLevelRange: NonnegRange;
  payload: Payload | null;
  preferences: Preferences;
  queryParams: QueryParams;
  /** Columns from `columns=` or the payload's keys. */
  columns: string[];
  /** Request headers, lower-cased names, without Cookie (what request.headers exposes). */
  headers: [string, string][];
  /** Cookies from the Cookie header (what request.cookies exposes). */
  cookies: [string, string][];
  /** Raw request path (no query string), e.g. "/rpc/whoami". */
  path: string;
  /** Request method as sent, e.g. "GET". */
  method: string;
  /** The schema the request runs in (from Accept-Profile / Content-Profile or the first db-schemas). */
  schema: string;
  /** The schema was chosen by a profile header (or several schemas are exposed): send Content-Profile back. */
  negotiatedByProfile: boolean;
  /** Accept media types ordered by q-value (PostgREST: [*\/*] when there is no Accept header). */
  acceptMediaTypes: MediaType[];
  /** Content-Type of the body (application/json when absent). */
  contentMediaType: MediaType;
};

/**
 * Entry points (request/api-request.ts, request/preferences.ts):
 *   parseApiRequest(input: HttpRequestInput, config: PostgrestConfig): Result<ApiRequest>
 *   parsePreferences(headers: [string, string][], allowTxOverride: boolean): Preferences
 *   checkPreferences(prefs: Preferences): Result<Preferences>      // PGRST122 with handling=strict (the planner calls it)
 *   preferenceAppliedHeader(prefs: Preferences): string | null     // Preference-Applied value
 * and config/load.ts: loadPostgrestConfig({ file?, env? }): PostgrestConfig (throws GatehouseError GH400/GH401).
 */
