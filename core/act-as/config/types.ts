/**
 * PostgREST's configuration as the simulator needs it (PostgREST's Config.hs AppConfig, v13+ names and defaults).
 * Produced by `loadPostgrestConfig` (file + PGRST_* environment, environment wins).
 */
import type { JsonPathQuery } from './json-path.js';

/** One step of a role-claim path: `.key`, `[0]`, or a final filter `[?(@ == "x")]` (deprecated JSPath syntax). */
export type JsPathStep =
  | { type: 'key'; key: string }
  | { type: 'index'; index: number }
  | { type: 'filter'; op: '==' | '!=' | '^==' | '==^' | '*=='; value: string };

/**
 * Parsed `jwt-role-claim-key`: an RFC 9535 JSONPath (`$.realm_access.roles[0]`, PostgREST 16) or the older JSPath
 * syntax (`.realm_access.roles[0]`, every version). `given` is false for the default (`$.role`, before 16 `.role`).
 */
export type JsPath =
  | { source: string; syntax: 'json-path'; query: JsonPathQuery; given: boolean }
  | { source: string; syntax: 'legacy'; steps: JsPathStep[]; given: boolean };

export type TxEnd = 'commit' | 'commit-allow-override' | 'rollback' | 'rollback-allow-override';
export type OpenApiMode = 'follow-privileges' | 'ignore-privileges' | 'disabled';

/** A JSON Web Key as in RFC 7517 (only what verification needs is typed). */
export type Jwk = { kty: string; kid?: string; alg?: string; use?: string; [param: string]: unknown };

/**
 * The JWT verification keys: PostgREST turns jwt-secret into a JWK set — a JWKS document, a single JWK, or the
 * secret as a symmetric HS256 key (`oct`, at least 32 characters).
 */
export type JwtKeys = { type: 'secret'; secret: Uint8Array } | { type: 'jwks'; keys: Jwk[] };

export type PostgrestConfig = {
  dbUri: string;
  /** Exposed schemas, first is the default (PostgREST default: ["public"]). */
  dbSchemas: string[];
  dbAnonRole: string | null;
  /** `schema.function` or `function` (then search path resolves it). */
  dbPreRequest: { schema: string; name: string } | null;
  /** Default ["public"]; an empty value means []. */
  dbExtraSearchPath: string[];
  dbMaxRows: number | null;
  dbTxEnd: TxEnd;
  /** `*-allow-override`: Prefer tx= is honoured. */
  dbTxAllowOverride: boolean;
  /** `rollback*`: every transaction is rolled back. */
  dbTxRollbackAll: boolean;
  dbAggregatesEnabled: boolean;
  dbPlanEnabled: boolean;
  dbRootSpec: { schema: string; name: string } | null;
  dbHoistedTxSettings: string[];
  /** db-channel (default `pgrst`): the NOTIFY channel `gatehouse serve` listens on for `reload schema`. */
  dbChannel: string;
  /** db-channel-enabled (default true). */
  dbChannelEnabled: boolean;
  jwtSecret: string | null;
  jwtSecretIsBase64: boolean;
  /** Keys derived from jwt-secret (null without a secret). */
  jwtKeys: JwtKeys | null;
  jwtAud: string | null;
  jwtRoleClaimKey: JsPath;
  jwtCacheMaxEntries: number;
  clientErrorVerbosity: 'verbose' | 'minimal';
  openApiMode: OpenApiMode;
  /** openapi-server-proxy-uri, openapi-security-active, server-host, server-port: what the OpenAPI document names. */
  openApiServerProxyUri?: string | null;
  openApiSecurityActive?: boolean;
  serverHost?: string;
  serverPort?: number;
  serverTimingEnabled: boolean;
  serverTraceHeader: string | null;
  /** `app.settings.*` (name without the prefix → value), file merged with PGRST_APP_SETTINGS_* (env wins). */
  appSettings: Record<string, string>;
  /** server-cors-allowed-origins (null = unset: every origin gets `*`). */
  serverCorsAllowedOrigins: string[] | null;
  /** db-prepared-statements (default on): the main statements run as named prepared statements. */
  dbPreparedStatements: boolean;
  /** url-use-legacy-target-names (v16, default true): filters may name an aliased embed by its table. */
  urlUseLegacyTargetNames: boolean;
  /** The PostgREST major the simulator answers as (core/act-as/versions.ts); not a PostgREST setting. */
  postgrestVersion: PostgrestVersion;
  /** Where the values came from, for the studio (null = defaults only). */
  sourceFile: string | null;
};

/** The PostgREST majors the simulator can answer as. */
export type PostgrestVersion = 12 | 13 | 14 | 16;
