/**
 * Constructors for every error PostgREST (v13+) itself generates, with its exact status, code and texts
 * (PostgREST's src/PostgREST/Error.hs). Errors coming from PostgreSQL go through `pgError` in pg-status.ts.
 *
 * @example
 *   throw pgrst.singularity(0);  // 406 PGRST116 "Cannot coerce the result to a single JSON object"
 */
import type { Json } from './pgrst-error.js';
import { PgrstError } from './pgrst-error.js';
import { showString } from '../request/parsec.js';

/** Why a Range/limit/offset cannot be satisfied (PGRST103 details). */
export type RangeErrorKind =
  | { kind: 'negative-limit' }
  | { kind: 'lower-gt-upper' }
  | { kind: 'out-of-bounds'; lower: string; total: string };

/** Why a `RAISE SQLSTATE 'PGRST'` could not be parsed (PGRST121). */
export type RaiseErrorKind =
  { kind: 'message'; message: string } | { kind: 'details'; details: string } | { kind: 'no-detail' };

/** A relationship as PGRST201 describes it in `details` (already formatted by the planner). */
export type AmbiguousRelationship = { embedding: string; cardinality: string; relationship: string };

/** The media types whose Content-Type makes an RPC call take a single unnamed parameter (PGRST202 texts). */
export type RpcBodyKind = 'json' | 'text' | 'xml' | 'octet-stream' | 'other';

function e(
  status: number,
  code: string,
  message: string,
  details: Json = null,
  hint: Json = null,
): PgrstError {
  return new PgrstError({ status, code, message, details, hint });
}

function invalidTokenHeader(message: string): Record<string, string> {
  // PostgREST writes Haskell's `show` of the message (Error.hs invalidTokenHeader): quotes and backslashes escaped.
  return { 'WWW-Authenticate': `Bearer error="invalid_token", error_description=${showString(message)}` };
}

/** JWT decoding failures (PGRST301). */
export type JwtDecodeErrorKind =
  | { kind: 'empty-auth-header' }
  | { kind: 'unexpected-parts'; parts: number }
  | { kind: 'key-error'; details: string }
  | { kind: 'bad-algorithm'; details: string }
  | { kind: 'bad-crypto' }
  | { kind: 'unsupported-token-type' }
  | { kind: 'unreachable' };

/** JWT claim validation failures (PGRST303). */
export type JwtClaimsErrorKind =
  | 'expired'
  | 'not-yet-valid'
  | 'issued-at-future'
  | 'not-in-audience'
  | 'parsing-claims-failed'
  | 'exp-not-number'
  | 'nbf-not-number'
  | 'iat-not-number'
  | 'aud-not-string-or-array';

const jwtDecodeMessages: Record<JwtDecodeErrorKind['kind'], string> = {
  'empty-auth-header': 'Empty JWT is sent in Authorization header',
  'unexpected-parts': 'Expected 3 parts in JWT; got ',
  'key-error': 'No suitable key or wrong key type',
  'bad-algorithm': 'Wrong or unsupported encoding algorithm',
  'bad-crypto': 'JWT cryptographic operation failed',
  'unsupported-token-type': 'Unsupported token type',
  unreachable: "JWT couldn't be decoded",
};

const jwtClaimsMessages: Record<JwtClaimsErrorKind, string> = {
  expired: 'JWT expired',
  'not-yet-valid': 'JWT not yet valid',
  'issued-at-future': 'JWT issued at future',
  'not-in-audience': 'JWT not in audience',
  'parsing-claims-failed': 'Parsing claims failed',
  'exp-not-number': "The JWT 'exp' claim must be a number",
  'nbf-not-number': "The JWT 'nbf' claim must be a number",
  'iat-not-number': "The JWT 'iat' claim must be a number",
  'aud-not-string-or-array': "The JWT 'aud' claim must be a string or an array of strings",
};

export const pgrst = {
  // ---- PGRST0xx connection ----
  connection: (details: string | null = null) => e(503, 'PGRST000', 'Database connection error.', details),
  client: (details: string | null = null) =>
    e(503, 'PGRST001', 'Database client error. Retrying the connection.', details),
  noSchemaCache: () => e(503, 'PGRST002', 'Could not query the database for the schema cache. Retrying.'),
  acquisitionTimeout: () => e(504, 'PGRST003', 'Timed out acquiring connection from connection pool.'),

  // ---- PGRST1xx api request ----
  /** PGRST100: `message` is parsec's position line, `details` its "unexpected … expecting …" text. */
  queryParam: (message: string, details: string) => e(400, 'PGRST100', message, details),
  invalidRpcMethod: (method: string) => e(405, 'PGRST101', `Cannot use the ${method} method on RPC`),
  invalidBody: (message: string) => e(400, 'PGRST102', message),
  invalidRange: (r: RangeErrorKind) =>
    e(
      416,
      'PGRST103',
      'Requested range not satisfiable',
      r.kind === 'negative-limit'
        ? 'Limit should be greater than or equal to zero.'
        : r.kind === 'lower-gt-upper'
          ? 'The lower boundary must be lower than or equal to the upper boundary in the Range header.'
          : `An offset of ${r.lower} was requested, but there are only ${r.total} rows.`,
    ),
  invalidFilters: () =>
    e(405, 'PGRST105', "Filters must include all and only primary key columns with 'eq' operators"),
  unacceptableSchema: (schema: string, exposed: readonly string[]) =>
    e(
      406,
      'PGRST106',
      `Invalid schema: ${schema}`,
      null,
      `Only the following schemas are exposed: ${exposed.join(', ')}`,
    ),
  mediaType: (mimes: readonly string[]) =>
    e(406, 'PGRST107', `None of these media types are available: ${mimes.join(', ')}`),
  /** PGRST108; `aliased` = [name, alias] when the filter used the target name of an aliased embed. */
  notEmbedded: (resource: string, aliased: readonly [string, string] | null = null) =>
    e(
      400,
      'PGRST108',
      `'${resource}' is not an embedded resource in this request`,
      aliased ? 'Target names are not allowed in filters if they have an alias' : null,
      aliased
        ? `Change '${aliased[0]}' to '${aliased[1]}' in filters, orders or limits.`
        : `Verify that '${resource}' is included in the 'select' query parameter.`,
    ),
  gucHeaders: () =>
    e(
      500,
      'PGRST111',
      'response.headers guc must be a JSON array composed of objects with a single key and a string value',
    ),
  gucStatus: () => e(500, 'PGRST112', 'response.status guc must be a valid status code'),
  /** PGRST109, PostgREST 12 only (its limited update/delete, v12.2.12 Error.hs:143-144). */
  limitNoOrder: () =>
    e(
      400,
      'PGRST109',
      "A 'limit' was applied without an explicit 'order'",
      null,
      "Apply an 'order' using unique column(s)",
    ),
  putLimitNotAllowed: () => e(400, 'PGRST114', 'limit/offset querystring parameters are not allowed for PUT'),
  putMatchingPk: () => e(400, 'PGRST115', 'Payload values do not match URL in primary key column(s)'),
  singularity: (rows: number) =>
    e(
      406,
      'PGRST116',
      'Cannot coerce the result to a single JSON object',
      `The result contains ${rows} rows`,
    ),
  unsupportedMethod: (method: string) => e(405, 'PGRST117', `Unsupported HTTP method: ${method}`),
  relatedOrderNotToOne: (origin: string, target: string) =>
    e(
      400,
      'PGRST118',
      `A related order on '${target}' is not possible`,
      `'${origin}' and '${target}' do not form a many-to-one or one-to-one relationship`,
    ),
  unacceptableFilter: (target: string) =>
    e(
      400,
      'PGRST120',
      `Bad operator on the '${target}' embedded resource`,
      'Only is null or not is null filters are allowed on embedded resources',
    ),
  pgrstParse: (r: RaiseErrorKind) =>
    e(
      500,
      'PGRST121',
      'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error',
      r.kind === 'message'
        ? `Invalid JSON value for MESSAGE: '${r.message}'`
        : r.kind === 'details'
          ? `Invalid JSON value for DETAIL: '${r.details}'`
          : 'DETAIL is missing in the RAISE statement',
      r.kind === 'message'
        ? "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'."
        : "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.",
    ),
  invalidPreferences: (prefs: readonly string[]) =>
    e(
      400,
      'PGRST122',
      'Invalid preferences given with handling=strict',
      `Invalid preferences: ${prefs.join(', ')}`,
    ),
  aggregatesNotAllowed: () => e(400, 'PGRST123', 'Use of aggregate functions is not allowed'),
  maxAffectedViolation: (rows: number) =>
    e(
      400,
      'PGRST124',
      'Query result exceeds max-affected preference constraint',
      `The query affects ${rows} rows`,
    ),
  invalidResourcePath: () => e(404, 'PGRST125', 'Invalid path specified in request URL'),
  openApiDisabled: () => e(404, 'PGRST126', 'Root endpoint metadata is disabled'),
  notImplemented: (details: string) => e(400, 'PGRST127', 'Feature not implemented', details),
  maxAffectedRpcViolation: () =>
    e(
      400,
      'PGRST128',
      'Function must return SETOF or TABLE when max-affected preference is used with handling=strict',
    ),

  // ---- PGRST2xx schema cache ----
  /** PGRST200; `hint` is the fuzzy "Perhaps you meant …" suggestion the planner computes, or null. */
  noRelBetween: (
    parent: string,
    child: string,
    embedHint: string | null,
    schema: string,
    hint: string | null,
  ) =>
    e(
      400,
      'PGRST200',
      `Could not find a relationship between '${parent}' and '${child}' in the schema cache`,
      `Searched for a foreign key relationship between '${parent}' and '${child}${
        embedHint === null ? '' : `' using the hint '${embedHint}`
      }' in the schema '${schema}', but no matches were found.`,
      hint,
    ),
  /** PGRST201; `hints` are the `'table!constraint'` suggestions in relationship order. */
  ambiguousRelBetween: (
    parent: string,
    child: string,
    rels: readonly AmbiguousRelationship[],
    hints: readonly string[],
  ) =>
    e(
      300,
      'PGRST201',
      `Could not embed because more than one relationship was found for '${parent}' and '${child}'`,
      rels.map((r) => ({ ...r })),
      `Try changing '${child}' to one of the following: ${hints.join(', ')}. Find the desired relationship in the 'details' key.`,
    ),
  /**
   * PGRST202. `argumentKeys` as PostgREST lists them; `isInvPost` = POST call; `bodyKind` from Content-Type;
   * `hint` = fuzzy suggestion computed by the planner (ignored for single-unnamed-parameter bodies).
   */
  noRpc: (
    schema: string,
    procName: string,
    argumentKeys: readonly string[],
    bodyKind: RpcBodyKind,
    isInvPost: boolean,
    hint: string | null,
  ) => {
    const func = `${schema}.${procName}`;
    const onlySingle =
      isInvPost && (bodyKind === 'text' || bodyKind === 'xml' || bodyKind === 'octet-stream');
    const prms = argumentKeys.join(', ');
    const fmt = (p: string) => (argumentKeys.length === 0 ? ' without parameters' : p);
    const details =
      isInvPost && bodyKind === 'text'
        ? ' with a single unnamed text parameter'
        : isInvPost && bodyKind === 'xml'
          ? ' with a single unnamed xml parameter'
          : isInvPost && bodyKind === 'octet-stream'
            ? ' with a single unnamed bytea parameter'
            : isInvPost && bodyKind === 'json'
              ? `${fmt(` with parameter${argumentKeys.length > 1 ? 's ' : ' '}${prms}`)} or with a single unnamed json/jsonb parameter`
              : fmt(` with parameter${argumentKeys.length > 1 ? 's ' : ' '}${prms}`);
    return e(
      404,
      'PGRST202',
      `Could not find the function ${func}${onlySingle ? '' : fmt(`(${prms})`)} in the schema cache`,
      `Searched for the function ${func}${details}, but no matches were found in the schema cache.`,
      onlySingle ? null : hint,
    );
  },
  /** PGRST203; `candidates` already formatted as `schema.name(p1 => type, …)`. */
  ambiguousRpc: (candidates: readonly string[]) =>
    e(
      300,
      'PGRST203',
      `Could not choose the best candidate function between: ${candidates.join(', ')}`,
      null,
      'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    ),
  columnNotFound: (relation: string, column: string) =>
    e(400, 'PGRST204', `Could not find the '${column}' column of '${relation}' in the schema cache`),
  /** PGRST205; `hint` = "Perhaps you meant the table 'schema.x'" from the planner's fuzzy search, or null. */
  tableNotFound: (schema: string, relation: string, hint: string | null) =>
    e(404, 'PGRST205', `Could not find the table '${schema}.${relation}' in the schema cache`, null, hint),

  // ---- PGRST3xx JWT ----
  jwtSecretMissing: () => e(500, 'PGRST300', 'Server lacks JWT secret'),
  jwtDecode: (k: JwtDecodeErrorKind) => {
    const message =
      k.kind === 'unexpected-parts' ? `${jwtDecodeMessages[k.kind]}${k.parts}` : jwtDecodeMessages[k.kind];
    const details = k.kind === 'key-error' || k.kind === 'bad-algorithm' ? k.details : null;
    return new PgrstError({
      status: 401,
      code: 'PGRST301',
      message,
      details,
      headers: invalidTokenHeader(message),
    });
  },
  /** PostgREST 12's one JWT error (JwtTokenInvalid, v12.2.12 Error.hs:522-550): 401 PGRST301, hs-jose's text. */
  jwtInvalid: (message: string) =>
    new PgrstError({ status: 401, code: 'PGRST301', message, headers: invalidTokenHeader(message) }),
  jwtTokenRequired: () =>
    new PgrstError({
      status: 401,
      code: 'PGRST302',
      message: 'Anonymous access is disabled',
      headers: { 'WWW-Authenticate': 'Bearer' },
    }),
  jwtClaims: (k: JwtClaimsErrorKind) =>
    new PgrstError({
      status: 401,
      code: 'PGRST303',
      message: jwtClaimsMessages[k],
      headers: invalidTokenHeader(jwtClaimsMessages[k]),
    }),
} as const;
