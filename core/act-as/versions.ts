/**
 * The PostgREST majors the simulator answers as, and every behaviour that differs between them: one table, version
 * range → behaviour, read from PostgREST's CHANGELOG and source at the release tags (v12.2.12, v13.0.8, v14.17,
 * v16.2). Each entry has a conformance case carrying `since`/`until` (core/act-as/conformance/cases/round2.json).
 * The pipeline asks `behaves(config, id)`; nothing else in the simulator knows version numbers.
 */
import type { PostgrestConfig, PostgrestVersion } from './config/types.js';
import { GatehouseError } from '../../shared/errors.js';
import { PgrstError } from './errors/pgrst-error.js';
import type { SimResponse } from './response/types.js';
import { errorResponse } from './response/error-response.js';

export type { PostgrestVersion } from './config/types.js';

/** The majors one can choose, oldest first; the default is the newest. */
export const POSTGREST_VERSIONS: readonly PostgrestVersion[] = [12, 13, 14, 16];
export const DEFAULT_POSTGREST_VERSION: PostgrestVersion = 16;

/**
 * The release each major answers as: the newest of its line when the table was read. `version` is what PostgREST
 * calls its prettyVersion (the OpenAPI document's info.version, the Server header): 12 would add the git hash, but
 * its release builds compile a source without .git (default.nix gitignoreSource), so gitrev finds none
 * (v12.2.12 src/PostgREST/Version.hs:20-28); from 14 two parts (v14.17 Version.hs prettyVersion: take 2).
 * `docs`: the externalDocs version (docsVersion: "v" and the major).
 */
export const POSTGREST_RELEASES: Readonly<
  Record<PostgrestVersion, { readonly version: string; readonly docs: string }>
> = {
  12: { version: '12.2.12', docs: 'v12' },
  13: { version: '13.0.8', docs: 'v13' },
  14: { version: '14.17', docs: 'v14' },
  16: { version: '16.2', docs: 'v16' },
};

export interface VersionBehaviour {
  /** First major with the behaviour (inclusive); absent = every supported major. */
  readonly since?: PostgrestVersion;
  /** First major without it (exclusive); absent = still current. */
  readonly until?: PostgrestVersion;
  readonly summary: string;
  /** Where it is defined: CHANGELOG entry and the source at the tag. */
  readonly source: string;
}

export const VERSION_BEHAVIOURS = {
  'singular-coerce-message': {
    since: 13,
    summary:
      'PGRST116 says "Cannot coerce the result to a single JSON object" (12: "JSON object requested, multiple (or no) rows returned").',
    source: 'CHANGELOG 13.0.0 #3795; v12.2.12 src/PostgREST/Error.hs:164-168',
  },
  'missing-relation-pgrst205': {
    since: 13,
    summary:
      'A missing table or view answers 404 PGRST205 from the schema cache (12: the query runs and PostgreSQL answers 42P01).',
    source: 'CHANGELOG 13.0.0 #3697 #3602; v13.0.8 src/PostgREST/Error.hs TableNotFound',
  },
  'spread-to-many': {
    since: 13,
    summary:
      'Spreading a one-to-many or many-to-many embed aggregates its columns into arrays (12: 400 PGRST119).',
    source: 'CHANGELOG 13.0.0 #3041; v12.2.12 src/PostgREST/Plan.hs:893-900 validateSpreadEmbeds',
  },
  'content-length': {
    since: 13,
    summary: 'Responses carry Content-Length (12: none from PostgREST).',
    source: 'CHANGELOG 13.0.0 #4016; v13.0.8 src/PostgREST/Error.hs:67',
  },
  'proxy-status': {
    since: 13,
    summary: 'Error responses carry `Proxy-Status: PostgREST; error=CODE` (12: none).',
    source: 'CHANGELOG 13.0.0 #2967; v13.0.8 src/PostgREST/Error.hs:510-511',
  },
  vary: {
    since: 16,
    summary: 'Responses carry `Vary: Accept, Prefer, Range` unless they set Vary themselves.',
    source: 'CHANGELOG 16.0 #4609; v16.2 src/library/PostgREST/App.hs:263-271',
  },
  'client-error-verbosity': {
    since: 16,
    summary: 'client-error-verbosity=minimal answers errors with code and message only (before 16: ignored).',
    source: 'CHANGELOG 16.0 #4088; v16.2 src/library/PostgREST/Config.hs configClientErrorVerbosity',
  },
  'timezone-strict': {
    since: 16,
    summary:
      'An invalid Prefer: timezone always fails (PostgreSQL 22023); before 16 it was ignored unless handling=strict.',
    source: 'CHANGELOG 16.0 #5128; v14.17 src/PostgREST/ApiRequest/Preferences.hs preferTimezone',
  },
  'jwt-role-claim-key-json-path': {
    since: 16,
    summary:
      'jwt-role-claim-key takes an RFC 9535 JSONPath (`$.roles[?search(@, "^app_")]`), the older JSPath syntax still read after it (before 16: only the older syntax; a `$` path keeps PostgREST from starting).',
    source:
      'CHANGELOG 16.0 #4984, 16.2 #5171; v16.2 src/library/PostgREST/Config.hs:433-440, Config/JSPath.hs; v14.17 src/PostgREST/Config/JSPath.hs pJSPath',
  },
  'jwt-role-claim-key-filters': {
    since: 13,
    summary:
      'The older jwt-role-claim-key syntax takes a final filter `[?(@ == "x")]` with == != ^== ==^ *== (12: keys and indexes only; a filter keeps PostgREST from starting).',
    source: 'CHANGELOG 13.0.0 #1536; v12.2.12 src/PostgREST/Config/JSPath.hs pJSPath; v14.17 pJSPFilter',
  },
  'legacy-target-names-setting': {
    since: 16,
    summary:
      'url-use-legacy-target-names=false finds an aliased embed in filters, orders and limits by its alias only (else 400 PGRST108 naming the alias); with true (the default) a match by relation name answers a `Warning: 299` header. Before 16 the setting does not exist: name or alias, no warning.',
    source:
      'CHANGELOG 16.0 #4075; v16.2 src/library/PostgREST/Plan.hs:1013-1041 updateNode, App.hs:220-224 and 276-279 warningHeaders, Error.hs:214-220',
  },
  'jwt-diagnostic-errors': {
    since: 13,
    summary:
      'JWT failures are PostgREST\'s own texts: PGRST301 for decoding (an empty Bearer token included), PGRST303 for claims (12: every failure is 401 PGRST301 with hs-jose\'s shown error, e.g. "JWSError JWSInvalidSignature", "JWTNotYetValid"; claims checked exp, iat, nbf, aud; an empty `aud` array matches nothing; an empty Bearer token is anonymous).',
    source:
      'CHANGELOG 13.0.0 #3600 #3926; v12.2.12 src/PostgREST/Auth.hs:56-76 with hs-jose v0.11 src/Crypto/JWT.hs:195-205, 553-618, 667-672, JWS.hs:468-481, 634-654; v13.0.8 src/PostgREST/Error.hs:723-768',
  },
  'jwt-key-selection': {
    since: 13,
    summary:
      "Only keys jose-jwt can decode the token with are tried: the kid must equal the key's, the key's alg and type must fit, and a plain jwt-secret is an HS256 key without kid; none → PGRST301 \"No suitable key was found to decode the JWT\" (12: every key of the set is tried with the header's alg, HS384/HS512 and kids included).",
    source:
      'CHANGELOG 13.0.0 #3598; v13.0.8 src/PostgREST/Config.hs:510-521 parseSecret; jose-jwt 0.10.0 Jose/Jwt.hs:84-126, Jose/Jwk.hs:112-136, 183-190; hs-jose v0.11 src/Crypto/JOSE/JWK/Store.hs:101-106',
  },
  'jwt-null-time-claims-checked': {
    since: 13,
    until: 14,
    summary:
      'A null exp, nbf or iat claim fails as "The JWT \'exp\' claim must be a number" (PGRST303); 12 (hs-jose) and 14 on read a null claim as absent.',
    source:
      'v13.0.8 src/PostgREST/Auth.hs:90-107 verifyClaim/isValidExpClaim; v14.17 src/PostgREST/Auth/Jwt.hs checkForErrors (parseMaybe (.:? key)); hs-jose v0.11 src/Crypto/JWT.hs:450-460',
  },
  'jwt-secret-min-length': {
    since: 13,
    summary: 'A jwt-secret shorter than 32 characters keeps PostgREST from starting (12: accepted).',
    source:
      'CHANGELOG 13.0.0 #3607; v13.0.8 src/PostgREST/Config.hs:519-521; v12.2.12 src/PostgREST/Config.hs:462-470',
  },
  'unknown-role-401': {
    since: 13,
    summary: 'A JWT role that does not exist answers 401 (22023 "role … does not exist"); 12 answered 400.',
    source:
      'CHANGELOG 13.0.1 #3601; v13.0.8 src/PostgREST/Error.hs:603-606; PostgREST test/io/test_io.py test_jwt_errors at f69ef6c42 (400 on hs-jose builds)',
  },
  'is-not-null': {
    since: 13,
    summary:
      '`is.not_null` filters on IS NOT NULL (12: PGRST100, its pTriVal reads null, unknown, true, false only).',
    source:
      'CHANGELOG 13.0.0 #3747; v12.2.12 src/PostgREST/ApiRequest/QueryParams.hs:643, 656-660; v13.0.8 ApiRequest/QueryParams.hs pIsVal',
  },
  'pgrst125-126': {
    since: 13,
    summary:
      'An invalid resource path answers 404 PGRST125, the root with openapi-mode=disabled 404 PGRST126 (12: 404 with the body `{}`).',
    source: 'CHANGELOG 13.0.0 #3906; v12.2.12 src/PostgREST/ApiRequest.hs:169-173, Error.hs:75, 135',
  },
  'params-single-object': {
    until: 13,
    summary:
      '`Prefer: params=single-object` calls the function whose one parameter is json or jsonb with the whole body, and is named in Preference-Applied and in the OpenAPI preferParams enum (from 13: an invalid preference, ignored; preferParams has no enum).',
    source:
      'CHANGELOG 13.0.0 #3757, 13.0.6 #4292; v12.2.12 src/PostgREST/ApiRequest/Preferences.hs:140, 154, Plan.hs:247-249, 969-972, Response.hs:209, Response/OpenAPI.hs:164-180, 224',
  },
  'timezone-numeric-offsets': {
    since: 16,
    summary:
      "`Prefer: timezone` takes what PostgreSQL's TimeZone takes, numeric offsets like `-4` included (before 16: only names of pg_timezone_names; others ignored, PGRST122 with handling=strict).",
    source:
      'CHANGELOG 16.0 #5100; v14.17 src/PostgREST/ApiRequest/Preferences.hs fromHeaders isTimezonePrefAccepted',
  },
  'range-error-cut-to-page': {
    since: 13,
    until: 14,
    summary:
      'A read whose offset is past the exact count (416 PGRST103) keeps the Content-Length of the empty page, so the error body reaches clients cut to it (`{"` for `[]`); fixed in 14.2. 12 sends no Content-Length and the whole body.',
    source:
      'CHANGELOG 14.2 #4455 (regression of 13.0.0 #4016); v13.0.8 src/PostgREST/Response.hs:66-90 (contentLengthHeaderStrict rsBody), fixed by 7be638f0f',
  },
  'limited-update-delete': {
    until: 13,
    summary:
      'PATCH/DELETE with `limit`/`offset` change only the rows whose order columns match the first rows in that `order` (a limit without any order: 400 PGRST109); from 13 a limit on PATCH/DELETE is ignored.',
    source:
      'CHANGELOG 13.0.0 #3013; v12.2.12 src/PostgREST/ApiRequest.hs:223, Query/QueryBuilder.hs:135-191, Query/SqlFragment.hs:505-510, Error.hs:143-144; v13.0.8 src/PostgREST/Plan.hs:937-941 addRanges',
  },
  'pgrst106-names-schema': {
    since: 13,
    summary:
      'PGRST106 names the schema asked for ("Invalid schema: x") and lists the exposed ones in its hint (12: "The schema must be one of the following: api, app", no hint).',
    source: 'CHANGELOG 13.0.7 #4089; v12.2.12 src/PostgREST/Error.hs:129-130',
  },
  'single-param-fallback-unnamed-only': {
    since: 14,
    summary:
      'Only a function whose one parameter is unnamed takes a raw POST body when no named call matches (before: a named one too, then called without arguments, so PostgreSQL answers 42883).',
    source:
      'CHANGELOG 14.2 #4553; v13.0.8 src/PostgREST/Plan.hs:245-252, 969-972 (callParams KeyParams); v14.17 src/PostgREST/Plan.hs:261-269',
  },
  'system-schemas-refused': {
    since: 16,
    summary:
      'pg_catalog or information_schema in db-schemas keeps PostgREST from starting (before 16 it starts; requests to those schemas find nothing in the schema cache).',
    source: 'CHANGELOG 16.0 #4359 (Migration to v16); v16.2 src/library/PostgREST/Config.hs:370-379',
  },
  'fts-to-tsvector': {
    since: 13,
    summary:
      "A full-text filter (fts, plfts, phfts, wfts) on a column that is not a tsvector applies to_tsvector([lang,] col) to it, so json, jsonb and text columns are searched with the filter's language (12: `col @@ to_tsquery(…)`: text through PostgreSQL's text @@ tsquery with the default configuration, jsonb fails with 42883).",
    source:
      'CHANGELOG 13.0.0 #2255 (13.0.4 #4135: not on domains over tsvector); v12.2.12 src/PostgREST/Query/SqlFragment.hs:399; v13.0.8 src/PostgREST/Plan.hs:289-297, 332-335, Query/SqlFragment.hs:256-257',
  },
  'serialization-failure-retried': {
    until: 16,
    summary:
      "A transaction PostgreSQL fails with 40001 (serialization_failure) is run again, from BEGIN, until it does not fail so (hasql-transaction's retrying transaction); from 16 the error is answered (500).",
    source:
      'CHANGELOG 16.0 #3673; v14.17 src/PostgREST/MainTx.hs:101 (SQL.transaction), v16.2 src/library/PostgREST/MainTx.hs (SQL.transactionNoRetry, commit 41b86fffa); hasql-transaction 1.0.1.4 library/Hasql/Transaction/Private/Sessions.hs:15-42',
  },
  'openapi-integer-formats': {
    since: 14,
    summary:
      'The OpenAPI document gives smallint and integer the format int32, bigint int64 (before: the type name, `"format": "integer"`), in definitions, RPC arguments and GET parameters.',
    source:
      'CHANGELOG 14.8 #4641 (commit 0d4d1dca5); v13.0.8 src/PostgREST/Response/OpenAPI.hs makeProperty (format ?~ colType col); v14.17 Response/OpenAPI.hs toSwaggerFormat',
  },
  'openapi-volatile-post-only': {
    since: 13,
    summary:
      'The OpenAPI document lists only POST for a volatile function (12: GET and POST, though GET answers 405).',
    source:
      'CHANGELOG 13.0.5 #4174 (commit 73d335e97); v12.2.12 src/PostgREST/Response/OpenAPI.hs makeProcPathItem; v13.0.8 Response/OpenAPI.hs:360-362',
  },
  'mutation-logic-filters-representation': {
    until: 14,
    summary:
      'A PATCH, PUT or DELETE with a top-level `or=`/`and=` filter applies it again to the returned representation, on the rows as written, so return=representation (and its Content-Range) leaves out changed rows that no longer match; fixed in 14.4.',
    source:
      'CHANGELOG 14.4 #3707 (commit 0a8b83643); v13.0.8 src/PostgREST/Plan.hs addLogicTrees (all of qsLogic for every action); v14.17 Plan.hs addLogicTrees (mutations: non-root trees only)',
  },
  'name-hints-close-only': {
    since: 14,
    summary:
      'The "Perhaps you meant …" hint of a missing table (PGRST205) or function (PGRST202) names only a name at least 0.75 similar, and none for a schema of 500 relations or more (13: any match from 0.33, so unrelated names leaked; 12 the same for functions).',
    source:
      'CHANGELOG 14.6 #4675 (commit 73c8ae0bb), 14.3 #4462 (e252a4900); v13.0.8 src/PostgREST/Error.hs:419-427 (Fuzzy.getOne), tableNotFoundHint; v14.17 Error.hs getFuzzyHint',
  },
  'rpc-filters-unselected-columns': {
    since: 13,
    summary:
      'A call of a table-valued function with `select=` filters on columns it does not select (the call selects them too); 12 selected only the returned columns, so such a filter failed with 42703.',
    source:
      'CHANGELOG 13.0.0 #3965 (commit f53147674); v12.2.12 src/PostgREST/Query/QueryBuilder.hs callPlanToQuery returnedColumns; v13.0.8 Plan.hs getFilterFieldNames',
  },
  'spread-aggregates-checked': {
    since: 13,
    summary:
      'With db-aggregates-enabled off, an aggregate inside a spread embed (`...teams(id.count())`) is refused with 400 PGRST123; 12 checked only after hoisting it into the parent, so it ran.',
    source:
      'CHANGELOG 13.0.0 #3693 (commit 3539aaff8); v12.2.12 src/PostgREST/Plan.hs readPlan (validateAggFunctions after hoistSpreadAggFunctions), 672-703',
  },
  'max-affected-rpc-needs-set': {
    since: 13,
    summary:
      'Prefer: max-affected with handling=strict on a function that returns one row answers 400 PGRST128 (from 13.0.3); 12 counted its one row against the limit like a write (PGRST124 only when the limit is below 1).',
    source:
      'CHANGELOG 13.0.3 #4100 (commit f54aef479); v12.2.12 src/PostgREST/Query.hs:175, 256-261 failExceedsMaxAffectedPref; v13.0.8 Plan.hs callReadPlan failMaxAffectedRpcReturnsSingle',
  },
  'role-setting-values-lowercased': {
    until: 14,
    summary:
      "The values of the role's ALTER ROLE … SET settings are lower-cased when read, so a unit-bearing one such as work_mem = '64MB' fails every request of the role (22023 invalid value \"64mb\"); fixed in 14.13.",
    source:
      'CHANGELOG 14.13 #4955 (commit 4dc7d84ff); v12.2.12 and v13.0.8 src/PostgREST/Config/Database.hs:151 (lower(substr(setting, …))); v14.17 Config/Database.hs queryRoleSettings',
  },
  'mutation-representation-ordered': {
    since: 13,
    summary:
      '`order=` orders the representation a POST, PATCH, PUT or DELETE returns (12: ignored there, the rows come as the statement wrote them; on PATCH/DELETE it only chose the rows of a limited write).',
    source:
      'CHANGELOG 13.0.0 #3013 (commit fc35d6d0f); v12.2.12 src/PostgREST/Plan.hs addOrders (ActRelationMut: unchanged)',
  },
  'unknown-schemas-fail-schema-cache': {
    since: 13,
    summary:
      'A db-schemas or db-extra-search-path schema that does not exist makes every schema cache load fail, so each request is answered 503 PGRST002 (12: the schema simply has nothing, the others answer as usual).',
    source:
      'CHANGELOG 13.0.0 #3644 (commit 86c3257f5); v13.0.8 src/PostgREST/SchemaCache.hs (ANY($1::regnamespace[])), App.hs:142 NoSchemaCacheError, Error.hs:685-708',
  },
  'role-settings-need-plain-authenticator': {
    until: 14,
    summary:
      'An authenticator whose name needs quoting (upper-case letters, `"Authenticator"`) gets no role settings: the role settings query casts current_user::regrole, which fails, and PostgREST goes on without them; fixed in 14.11.',
    source:
      'CHANGELOG 14.11 #4678 (commit 9baf17aed); v12.2.12 and v13.0.8 src/PostgREST/Config/Database.hs:145 (current_user::regrole::oid), v13.0.8 AppState.hs:453-460 (Left → mempty); v14.17 Config/Database.hs:146 (quote_ident)',
  },
} as const satisfies Record<string, VersionBehaviour>;

export type BehaviourId = keyof typeof VERSION_BEHAVIOURS;

/** Whether the major the config answers as has the behaviour. */
export function behavesAt(version: PostgrestVersion, id: BehaviourId): boolean {
  const b: VersionBehaviour = VERSION_BEHAVIOURS[id];
  return (b.since === undefined || version >= b.since) && (b.until === undefined || version < b.until);
}

export function behaves(config: Pick<PostgrestConfig, 'postgrestVersion'>, id: BehaviourId): boolean {
  return behavesAt(config.postgrestVersion, id);
}

/** Whether a case (or anything) marked `since`/`until` (strings like "13", "12.2") applies at a major. */
export function inVersionRange(
  version: PostgrestVersion,
  range: { readonly since?: string | undefined; readonly until?: string | undefined },
): boolean {
  const major = (v: string): number => Number.parseInt(v, 10);
  if (range.since !== undefined && version < major(range.since)) return false;
  if (range.until !== undefined && version >= major(range.until)) return false;
  return true;
}

/**
 * Parses a `--postgrest-version N` value (12, 13, 14 or 16; "v16", "16.2" accepted). Exported for every CLI
 * command that takes the option.
 */
export function parsePostgrestVersion(text: string): PostgrestVersion | null {
  const m = /^v?(\d+)(?:\.\d+)*$/.exec(text.trim());
  const n = m ? Number(m[1]) : NaN;
  return (POSTGREST_VERSIONS as readonly number[]).includes(n) ? (n as PostgrestVersion) : null;
}

/** An error as the chosen major words it (the request pipeline always builds the newest wording). */
export function errorAs(config: Pick<PostgrestConfig, 'postgrestVersion'>, error: PgrstError): PgrstError {
  const missing = /^Could not find the table '(.+)' in the schema cache$/.exec(error.message);
  if (error.code === 'PGRST205' && missing && !behaves(config, 'missing-relation-pgrst205'))
    // PostgREST 12 planned without the table and ran the query: PostgreSQL's error, 404 (Error.hs pgErrorStatus).
    return new PgrstError({ status: 404, code: '42P01', message: `relation "${missing[1]}" does not exist` });
  if (
    error.code === '22023' &&
    error.status === 401 &&
    /^role .* does not exist$/.test(error.message) &&
    !behaves(config, 'unknown-role-401')
  )
    return new PgrstError({
      status: 400,
      code: error.code,
      message: error.message,
      details: error.details,
      hint: error.hint,
      // A 400 carries no WWW-Authenticate (v12.2.12 Error.hs PgError headers: only for 401).
      headers: Object.fromEntries(Object.entries(error.headers).filter(([k]) => k !== 'WWW-Authenticate')),
    });
  const exposed = /^Only the following schemas are exposed: (.*)$/.exec(
    typeof error.hint === 'string' ? error.hint : '',
  );
  if (error.code === 'PGRST106' && exposed && !behaves(config, 'pgrst106-names-schema'))
    return new PgrstError({
      status: error.status,
      code: error.code,
      message: `The schema must be one of the following: ${exposed[1]}`,
      headers: { ...error.headers },
    });
  if (error.code === 'PGRST116' && !behaves(config, 'singular-coerce-message'))
    return new PgrstError({
      status: error.status,
      code: error.code,
      message: 'JSON object requested, multiple (or no) rows returned',
      details: error.details,
      hint: error.hint,
      headers: { ...error.headers },
    });
  return error;
}

/**
 * The response for an error as the chosen major sends it: PostgREST 12 answered an invalid path and a disabled
 * root with its NotFound error, whose body is `{}` (v12.2.12 Error.hs:75, 135); otherwise the usual error body.
 */
export function errorResponseAs(
  config: Pick<PostgrestConfig, 'postgrestVersion' | 'clientErrorVerbosity'>,
  error: PgrstError,
): SimResponse {
  const e = errorAs(config, error);
  if ((e.code === 'PGRST125' || e.code === 'PGRST126') && !behaves(config, 'pgrst125-126'))
    return {
      status: 404,
      statusText: null,
      headers: [['Content-Type', 'application/json; charset=utf-8']],
      body: '{}',
    };
  return errorResponse(e, errorVerbosity(config));
}

/**
 * The response as the chosen major sends it: without the headers it does not send yet (Vary before 16;
 * Content-Length and Proxy-Status before 13), and with the `Server: postgrest/<version>` its HTTP server (Warp,
 * setServerName) adds unless the response names one itself (App.hs: v12.2.12:94, v16.2:152).
 */
export function responseAs(config: Pick<PostgrestConfig, 'postgrestVersion'>, res: SimResponse): SimResponse {
  const drop = new Set<string>();
  if (!behaves(config, 'vary')) drop.add('vary');
  if (!behaves(config, 'content-length')) drop.add('content-length');
  if (!behaves(config, 'proxy-status')) drop.add('proxy-status');
  const headers = drop.size === 0 ? res.headers : res.headers.filter(([k]) => !drop.has(k.toLowerCase()));
  const named = headers.some(([k]) => k.toLowerCase() === 'server');
  const server: [string, string] = [
    'Server',
    `postgrest/${POSTGREST_RELEASES[config.postgrestVersion].version}`,
  ];
  return { ...res, headers: named ? headers : [...headers, server] };
}

/** Whether the chosen major reads role settings (and their isolation levels) at all for this authenticator. */
export function readsRoleSettings(
  config: Pick<PostgrestConfig, 'postgrestVersion'>,
  authenticator: string | null,
): boolean {
  const plain = authenticator === null || /^[a-z_][a-z0-9_$]*$/.test(authenticator);
  return plain || !behaves(config, 'role-settings-need-plain-authenticator');
}

/**
 * The role's settings as the chosen major applies them: before 14 with lower-cased values, and none at all when the
 * authenticator's name is not a plain lower-case identifier (`current_user::regrole` fails for it, and PostgREST
 * goes on with no role settings).
 */
export function roleSettingsAs(
  config: Pick<PostgrestConfig, 'postgrestVersion'>,
  settings: readonly (readonly [string, string])[],
  authenticator: string | null = null,
): readonly (readonly [string, string])[] {
  if (!readsRoleSettings(config, authenticator)) return [];
  if (!behaves(config, 'role-setting-values-lowercased')) return settings;
  return settings.map(([k, v]) => [k, v.toLowerCase()] as const);
}

/** client-error-verbosity as the chosen major reads it (before 16 the setting does not exist: verbose). */
export function errorVerbosity(config: Pick<PostgrestConfig, 'postgrestVersion' | 'clientErrorVerbosity'>) {
  return behaves(config, 'client-error-verbosity') ? config.clientErrorVerbosity : 'verbose';
}

/** `--postgrest-version N` (absent: the default, 16); anything else is GH513 naming the choices. */
export function postgrestVersionOption(text: string | undefined): PostgrestVersion {
  if (text === undefined) return DEFAULT_POSTGREST_VERSION;
  const v = parsePostgrestVersion(text);
  if (v === null)
    throw new GatehouseError('GH513', `Unknown PostgREST version "${text}".`, {
      hint: `Use one of ${POSTGREST_VERSIONS.join(', ')} (the major you run; default ${DEFAULT_POSTGREST_VERSION}).`,
    });
  return v;
}

/**
 * Why the chosen major would not start with this configuration (PostgREST fails at config load), or null. Only
 * what the version table knows: pg_catalog or information_schema in db-schemas from 16 on, a jwt-secret under 32
 * characters from 13 on, a jwt-role-claim-key in a syntax the major does not read.
 */
export function configRefusal(
  config: Pick<PostgrestConfig, 'postgrestVersion' | 'jwtRoleClaimKey'> &
    Partial<Pick<PostgrestConfig, 'jwtKeys' | 'dbSchemas'>>,
): string | null {
  const system = (config.dbSchemas ?? []).find((x) => x === 'pg_catalog' || x === 'information_schema');
  if (system !== undefined && behaves(config, 'system-schemas-refused'))
    return `PostgREST ${config.postgrestVersion} does not start: db-schemas does not allow schema: '${system}'.`;
  const keys = config.jwtKeys;
  if (keys?.type === 'secret' && keys.secret.length < 32 && behaves(config, 'jwt-secret-min-length'))
    return `PostgREST ${config.postgrestVersion} does not start: the JWT secret must be at least 32 characters long (12 took a shorter one).`;
  const key = config.jwtRoleClaimKey;
  if (!key.given) return null;
  const v = config.postgrestVersion;
  if (key.syntax === 'json-path' && !behaves(config, 'jwt-role-claim-key-json-path'))
    return `PostgREST ${v} does not read jwt-role-claim-key "${key.source}": JSONPath ($…) is read from 16 on; before, write it as .key, ."quoted key" or [0] steps.`;
  if (
    key.syntax === 'legacy' &&
    key.steps.some((s) => s.type === 'filter') &&
    !behaves(config, 'jwt-role-claim-key-filters')
  )
    return `PostgREST ${v} does not read jwt-role-claim-key "${key.source}": filters [?(@ == "…")] are read from 13 on.`;
  return null;
}
