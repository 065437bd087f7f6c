/**
 * The contract between the act-as renderer (plan → SQL) and the executor/response stages.
 *
 * `renderPlan(plan)` returns a `RenderedStatement`: ONE parameterised SQL statement that the executor runs inside
 * the request transaction (after role/GUC setup and the pre-request function), exactly like PostgREST's main
 * query. Every value is a `$n` parameter (sent as text, type "unknown" — node-pg's default), never inlined.
 *
 * The statement returns exactly one row with these columns (PostgREST's Statements.hs shape):
 *
 *   total_result_set   text|bigint|null  exact/planned/estimated total when a count was requested (read/call), else null
 *                                        ('' for writes)
 *   page_total         bigint            rows in this page (rows affected for writes)
 *   header             text[]            writes only: Location parts (`col=eq.val`) of a return=headers-only insert,
 *                                        else an empty array; absent for reads and calls
 *   body               text              the response body PostgreSQL built (JSON text, CSV text, '' when no body)
 *   response_headers   text|null         current_setting('response.headers') after the statement (JSON array text)
 *   response_status    text|null         current_setting('response.status') after the statement
 *   response_inserted  text|int|null     for upserts (merge-duplicates / PUT): number of rows actually inserted
 *                                        (<= 0 ⇒ all rows were updates ⇒ 200 instead of 201); '' otherwise
 *
 * When `count === 'planned' | 'estimated'` the executor may need `countSql` (an EXPLAIN-able statement) — see below.
 */

/** What the statement does; the response stage picks the status/headers logic from this (PostgREST Response.hs). */
export type StatementKind =
  | 'read' // GET/HEAD on a table or view
  | 'insert' // POST on a table
  | 'upsert' // PUT on a table (single-row upsert)
  | 'update' // PATCH
  | 'delete' // DELETE
  | 'call'; // /rpc/fn (GET, HEAD or POST)

/** Media type the body is produced in; `contentType` is the exact Content-Type header value PostgREST sends. */
export type BodyMedia = 'json' | 'singular-json' | 'csv' | 'text' | 'none';

export interface RenderedStatement {
  readonly sql: string;
  /** Positional parameters $1..$n; strings (sent as text/unknown) or null. JSON bodies are passed as their raw text. */
  readonly params: readonly (string | null)[];
  readonly kind: StatementKind;
  /** Run the transaction READ ONLY ('read') or READ WRITE ('write'): GET/HEAD and stable/immutable RPC are 'read'. */
  readonly txMode: 'read' | 'write';
  readonly media: BodyMedia;
  /** Exact Content-Type header PostgREST sends with a body, e.g. `application/json; charset=utf-8`. */
  readonly contentType: string;
  /** Accept: application/vnd.pgrst.object+json → the executor must check page_total === 1 (else PGRST116, 406). */
  readonly singular: boolean;
  /** Table/view (or function) name for Content-Location / Location paths: `/tasks?...`. */
  readonly relationName: string;
  /** HEAD request: run the statement, send no body. */
  readonly headersOnly: boolean;
  /** Prefer: count=… that applies (null when none requested). */
  readonly count: 'exact' | 'planned' | 'estimated' | null;
  /**
   * For planned/estimated counts: a statement whose row count PostgreSQL estimates — run
   * `EXPLAIN (FORMAT JSON) <countSql>` with `countParams` and read Plan."Plan Rows". Null otherwise.
   */
  readonly countSql: string | null;
  readonly countParams: readonly (string | null)[];
  /** The top-level range (limit/offset query params + Range header) used for Content-Range and 206/416. */
  readonly range: { readonly offset: number; readonly limit: number | null };
  /** Writes: Prefer: return=… (null = not given ⇒ minimal behaviour). */
  readonly representation: 'full' | 'headers-only' | 'minimal' | null;
  /** Inserts: Prefer: resolution=… that applies (null when not upserting). */
  readonly resolution: 'merge-duplicates' | 'ignore-duplicates' | null;
  /** RPC returning void → 204 with no body. */
  readonly returnsVoid: boolean;
  /** Prefer: max-affected=N with handling=strict (update/delete/call): fail with PGRST124 when page_total > N. */
  readonly maxAffected: number | null;
  /** Preference-Applied tokens this request earns, in PostgREST's order, e.g. ['return=representation']. */
  readonly preferenceApplied: readonly string[];
  /**
   * Accept: application/vnd.pgrst.plan…: `sql` is the EXPLAIN of the main statement; the body is its output as
   * PostgreSQL prints it, one line per row (no singular/count checks apply). Null for ordinary statements.
   */
  readonly explain: { readonly format: 'json' | 'text' } | null;
}
