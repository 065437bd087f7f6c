/**
 * The act-as simulator: answers an HTTP request exactly as PostgREST would, against a real database, by running
 * PostgREST's pipeline — parse → authenticate → plan → render → execute → respond. Nothing thrown escapes:
 * every failure becomes a PostgREST-style response.
 */
import type pg from 'pg';
import type { Catalog } from '../../shared/model/catalog.js';
import type { AuthResult } from './auth/types.js';
import type { PostgrestConfig } from './config/types.js';
import { PgrstError, pgrst, type Json, type Result, ok, err } from './errors/index.js';
import { executeStatement, type TracedStatement } from './execute/execute.js';
import { PoolRegistry, type ActAsPool } from './execute/pools.js';
import type { IsolationLevel, SessionContext } from './execute/session.js';
import { executeSqlAsPersona, type SqlResult } from './execute/sql-console.js';
import {
  checkOpenApiAccept,
  openApiResponse,
  openApiServerOptions,
  openApiStatement,
} from './openapi/index.js';
import { authorizationHeader, type Persona } from './persona.js';
import type { RenderedStatement } from './render/types.js';
import type { ApiRequest } from './request/types.js';
import { buildResponse, infoResponse } from './response/build.js';
import { corsPreflight, withCors } from './response/cors.js';
import type { SimResponse } from './response/types.js';
import { SchemaCacheStore, schemaCacheConfig, schemaCacheOf } from './schema-cache-store.js';
import type { SchemaCache } from './schema-cache/index.js';
import type { DbPlan, Stages } from './stages.js';
import {
  behaves,
  configRefusal,
  errorResponseAs,
  errorVerbosity,
  readsRoleSettings,
  responseAs,
  roleSettingsAs,
} from './versions.js';

export type { Persona } from './persona.js';
export type { SimResponse } from './response/types.js';

/** The request as it arrives: method, target (path + query, percent-encoded), headers, raw body. */
export interface SimRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[] | Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array | null;
}

/**
 * How to reach the database: the developer's connection, as a libpq URI or as pg client settings (the studio's
 * open connection). The authenticator's credentials come from config db-uri.
 */
export interface SimConnection {
  readonly developerUri?: string | null;
  /** pg client settings of the developer's connection; `key` must identify host, port, database and user. */
  readonly developer?: { readonly key: string; readonly config: pg.ClientConfig } | null;
}

/** The login a request uses and how to open it. */
export interface Login {
  readonly key: string;
  readonly config: pg.ClientConfig;
  /** The login is the developer, not the authenticator: check role membership before switching. */
  readonly checkMembership: boolean;
}

export interface SimulateInput {
  readonly request: SimRequest;
  readonly persona: Persona;
  readonly config: PostgrestConfig;
  readonly connection: SimConnection;
  /**
   * `postgrest`: end the transaction as PostgREST does (db-tx-end + Prefer: tx) — serve, conformance, `--commit`.
   * `rollback`: always roll back (the studio's and `gatehouse request`'s default).
   */
  readonly txEnd: 'postgrest' | 'rollback';
  readonly stages: Stages;
  readonly pools?: PoolRegistry;
  readonly schemaCaches?: SchemaCacheStore;
  /** Use this schema cache instead of loading one (the conformance runner shares one across fixture copies). */
  readonly schemaCache?: SchemaCache;
  /**
   * The catalog model of the database (the studio's model of the connection): the schema cache is derived from
   * it and it answers the SET ROLE check (no query). Without it the schema caches read one through the login's
   * pool and the check asks the server.
   */
  readonly model?: () => Promise<Catalog>;
  /** Told the backend pid the request runs on (the studio's cancel). */
  readonly onBackend?: (pid: number) => void;
}

export interface SimTiming {
  readonly authMs: number;
  readonly parseMs: number;
  readonly planMs: number;
  readonly renderMs: number;
  readonly executeMs: number;
  readonly totalMs: number;
}

export interface SimulateResult {
  readonly response: SimResponse;
  /** Every statement that ran, in order, with its parameters (BEGIN … COMMIT/ROLLBACK). */
  readonly sql: readonly TracedStatement[];
  /** The session the request ran in (role, claims, settings), null when it failed before the database. */
  readonly context: SessionContext | null;
  readonly statement: RenderedStatement | null;
  /** The plan the statement was rendered from (null for the OpenAPI root or a failure before planning). */
  readonly plan: DbPlan | null;
  /** Rows the main statement returned or affected (page_total), null when it did not complete. */
  readonly affected: number | null;
  readonly committed: boolean;
  readonly timing: SimTiming;
}

const defaultPools = new PoolRegistry();
const defaultSchemaCaches = new SchemaCacheStore();

/** The process-wide pools and schema caches the CLI and the studio share. */
export const actAsRuntime = { pools: defaultPools, schemaCaches: defaultSchemaCaches };

function headerPairs(h: SimRequest['headers']): [string, string][] {
  return Array.isArray(h) ? h.map(([k, v]) => [k, v] as [string, string]) : Object.entries(h);
}

/**
 * Which login the request uses: the authenticator when db-uri carries its password (on the developer's server and
 * database, so the simulation hits what the developer is looking at), else the developer's login, which must then
 * be a member of every role it impersonates.
 */
export function loginFor(config: PostgrestConfig, connection: SimConnection): Result<Login> {
  // serve and the CLI ask with the same config and URI for every request: parse the URIs once.
  if (connection.developer) return loginOf(config, connection);
  let byUri = logins.get(config);
  if (!byUri) logins.set(config, (byUri = new Map()));
  const uri = connection.developerUri ?? null;
  let login = byUri.get(uri);
  if (!login) {
    login = loginOf(config, connection);
    if (byUri.size >= 100) byUri.clear();
    byUri.set(uri, login);
  }
  return login;
}

const logins = new WeakMap<PostgrestConfig, Map<string | null, Result<Login>>>();

function loginOf(config: PostgrestConfig, connection: SimConnection): Result<Login> {
  let auth: URL | null;
  try {
    auth = config.dbUri ? new URL(config.dbUri) : null;
  } catch {
    auth = null;
  }
  const authUser = auth && auth.password !== '' && auth.username !== '' ? auth : null;
  const devUri = connection.developerUri ?? null;
  const dev = connection.developer ?? null;
  if (authUser) {
    const user = decodeURIComponent(authUser.username);
    const password = decodeURIComponent(authUser.password);
    if (dev) {
      const key = `${dev.key}\u0000as\u0000${user}`;
      return ok({ key, config: { ...dev.config, user, password }, checkMembership: false });
    }
    if (devUri !== null) {
      try {
        const u = new URL(devUri);
        u.username = authUser.username;
        u.password = authUser.password;
        return ok({ key: u.toString(), config: { connectionString: u.toString() }, checkMembership: false });
      } catch {
        // a keyword/value connection string: use the developer login below
      }
    } else {
      return ok({ key: config.dbUri, config: { connectionString: config.dbUri }, checkMembership: false });
    }
  }
  if (dev) return ok({ key: dev.key, config: dev.config, checkMembership: true });
  if (devUri !== null)
    return ok({ key: devUri, config: { connectionString: devUri }, checkMembership: true });
  return err(
    new PgrstError({
      status: 500,
      code: 'GH500',
      message: 'No database connection to act as the persona.',
      details: null,
      hint: 'Give a connection (--db) or db-uri with the authenticator password in the PostgREST config.',
    }),
  );
}

/**
 * The authenticator's name when the login is not the authenticator (the developer's own login): role settings are
 * those of roles the authenticator is a direct member of. Null when the login is the authenticator.
 */
function authenticatorName(config: PostgrestConfig, login: Login): string | null {
  return login.checkMembership ? configAuthenticator(config) : null;
}

/** The authenticator db-uri names (its user), or null when db-uri names none. */
export function configAuthenticator(config: PostgrestConfig): string | null {
  try {
    const user = new URL(config.dbUri).username;
    return user === '' ? null : decodeURIComponent(user);
  } catch {
    return null;
  }
}

const ISOLATION: Record<string, IsolationLevel> = {
  'read committed': 'read committed',
  'repeatable read': 'repeatable read',
  serializable: 'serializable',
};

/** Claims given directly (no symmetric secret to sign with): the role claim or the anonymous role. */
function authFromClaims(config: PostgrestConfig, claims: Readonly<Record<string, Json>>): Result<AuthResult> {
  const role = typeof claims.role === 'string' ? claims.role : config.dbAnonRole;
  if (role === null) return err(pgrst.jwtTokenRequired());
  const anonymous = typeof claims.role !== 'string';
  return ok({ role, claims: { ...claims }, authenticated: role !== config.dbAnonRole, anonymous });
}

/**
 * PostgREST 16 with url-use-legacy-target-names (the default): a filter, order or limit that named an aliased embed
 * by its relation name answers a Warning header after Server-Timing, before Vary (App.hs toWaiResponse).
 */
function withLegacyTargetWarning(
  config: PostgrestConfig,
  plan: DbPlan | null,
  res: SimResponse,
): SimResponse {
  const targets = plan?.readPlan.legacyTargets;
  if (!targets || !config.urlUseLegacyTargetNames || !behaves(config, 'legacy-target-names-setting'))
    return res;
  const hint = targets.map(([name, alias]) => `\`${name}\` to \`${alias}\``).join(', ');
  const message =
    'Embedded resource was referenced by relation name even though it has an alias. This is deprecated and will ' +
    `stop working in a future release. Update ${hint} in query string filters, orders or limits.`;
  const warning: [string, string] = ['Warning', `299 PostgRESTv16.2 "${message}"`];
  const vary = res.headers.findIndex(([k]) => k === 'Vary');
  const headers = [...res.headers];
  headers.splice(vary === -1 ? headers.length : vary, 0, warning);
  return { ...res, headers };
}

/** Runs one request through PostgREST's pipeline. Never throws. */
export async function simulate(input: SimulateInput): Promise<SimulateResult> {
  const started = performance.now();
  const t = { authMs: 0, parseMs: 0, planMs: 0, renderMs: 0, executeMs: 0 };
  let sql: readonly TracedStatement[] = [];
  let context: SessionContext | null = null;
  let statement: RenderedStatement | null = null;
  let plan: DbPlan | null = null;
  let affected: number | null = null;
  let committed = false;
  const { config, stages } = input;
  const requestHeaders = headerPairs(input.request.headers);
  // PostgREST's outermost layer: server-trace-header echoes the request's header on every response.
  const traced = (response: SimResponse): SimResponse => {
    const name = config.serverTraceHeader;
    if (!name) return response;
    const value = requestHeaders.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
    return { ...response, headers: [[name, value], ...response.headers] };
  };
  const done = (response: SimResponse): SimulateResult => ({
    response: traced(responseAs(config, withCors(response, requestHeaders, config.serverCorsAllowedOrigins))),
    sql,
    context,
    statement,
    plan,
    affected,
    committed,
    timing: { ...t, totalMs: performance.now() - started },
  });
  /** server-timing-enabled: PostgREST's Server-Timing header on successful responses (durations in ms). */
  const withServerTiming = (response: SimResponse, responseMs: number): SimResponse => {
    if (!config.serverTimingEnabled) return response;
    const d = (ms: number): string => ms.toFixed(1);
    const value =
      `jwt;dur=${d(t.authMs)}, parse;dur=${d(t.parseMs)}, plan;dur=${d(t.planMs + t.renderMs)}, ` +
      `transaction;dur=${d(t.executeMs)}, response;dur=${d(responseMs)}`;
    return { ...response, headers: [...response.headers, ['Server-Timing', value]] };
  };
  const fail = (e: PgrstError): SimulateResult => done(errorResponseAs(config, e));
  try {
    // The studio chooses the major after the config was loaded: a config that major refuses answers nothing.
    const refused = configRefusal(config);
    if (refused)
      return fail(
        new PgrstError({
          status: 500,
          code: 'GH521',
          message: refused,
          details: null,
          hint: 'Change the PostgREST configuration, or choose the PostgREST version you run.',
        }),
      );
    const headers = requestHeaders;
    const preflight = corsPreflight(input.request.method, headers, config.serverCorsAllowedOrigins);
    if (preflight) return { ...done(preflight), response: traced(preflight) };
    const authIdx = headers.findIndex(([k]) => k.toLowerCase() === 'authorization');
    const requestAuth = authIdx >= 0 ? (headers[authIdx]?.[1] ?? null) : null;

    // 1. authenticate (PostgREST checks the JWT before it parses the request)
    let at = performance.now();
    const persona = await authorizationHeader(input.persona, requestAuth, config);
    const withoutAuth = headers.filter(([k]) => k.toLowerCase() !== 'authorization');
    const sentHeaders: [string, string][] =
      persona.header === null ? withoutAuth : [...withoutAuth, ['Authorization', persona.header]];
    const authR =
      persona.unsignedClaims !== null
        ? authFromClaims(config, persona.unsignedClaims)
        : await stages.authenticate(config, persona.header);
    t.authMs = performance.now() - at;
    if (!authR.ok) return fail(authR.error);
    const auth = authR.value;

    // 2. parse
    at = performance.now();
    const parsed = stages.parse(
      {
        method: input.request.method,
        target: input.request.target,
        headers: sentHeaders,
        body: input.request.body ?? null,
      },
      config,
    );
    t.parseMs = performance.now() - at;
    if (!parsed.ok) return fail(parsed.error);
    let apiRequest: ApiRequest = parsed.value;

    // 3. plan (needs the schema cache of the login's database)
    const login = loginFor(config, input.connection);
    if (!login.ok) return fail(login.error);
    const pools = input.pools ?? defaultPools;
    const pool: ActAsPool = pools.get(login.value.key, login.value.config);
    let schemaCache: SchemaCache;
    let model: Catalog | null = null;
    try {
      const cacheConfig = schemaCacheConfig(config);
      model = input.model ? await input.model() : null;
      schemaCache =
        input.schemaCache ??
        (model
          ? schemaCacheOf(model, cacheConfig)
          : await (input.schemaCaches ?? defaultSchemaCaches).get(pool, cacheConfig));
    } catch (e) {
      return fail(pgrst.connection(e instanceof Error ? e.message : String(e)));
    }
    // From 13 the schema cache query casts the configured schemas to regnamespace: one that does not exist fails
    // every load, and PostgREST answers every request with PGRST002 while it retries.
    if ((schemaCache.unknownSchemas?.length ?? 0) > 0 && behaves(config, 'unknown-schemas-fail-schema-cache'))
      return fail(pgrst.noSchemaCache());
    // Before PostgREST 16 an unknown Prefer: timezone was not applied (an invalid preference, PGRST122 when strict).
    const tz = apiRequest.preferences.timezone;
    if (
      tz !== null &&
      (!behaves(config, 'timezone-strict') || !behaves(config, 'timezone-numeric-offsets'))
    ) {
      let known: boolean;
      try {
        known = await pool.knownTimezone(tz);
      } catch (e) {
        return fail(pgrst.connection(e instanceof Error ? e.message : String(e)));
      }
      if (!known)
        apiRequest = {
          ...apiRequest,
          preferences: {
            ...apiRequest.preferences,
            timezone: null,
            invalid: [...apiRequest.preferences.invalid, `timezone=${tz}`],
          },
        };
    }
    at = performance.now();
    // The schema root is PostgREST's OpenAPI document: its own statement instead of a plan (core/act-as/openapi).
    const openApi = apiRequest.action.type === 'schema-read' ? apiRequest.action : null;
    if (openApi) {
      const accepted = checkOpenApiAccept(apiRequest);
      t.planMs = performance.now() - at;
      if (!accepted.ok) return fail(accepted.error);
      statement = openApiStatement(apiRequest.schema, config.openApiMode, openApi.headersOnly);
    } else {
      const planned = stages.plan(apiRequest, config, schemaCache);
      t.planMs = performance.now() - at;
      if (!planned.ok) return fail(planned.error);
      if (planned.value.type === 'info') return done(withServerTiming(infoResponse(planned.value.allow), 0));
      plan = planned.value;

      // 4. render
      at = performance.now();
      const rendered = stages.render(plan, apiRequest, config);
      t.renderMs = performance.now() - at;
      if (!rendered.ok) return fail(rendered.error);
      statement = rendered.value;
    }

    // 5. execute
    at = performance.now();
    let roleSettings: Awaited<ReturnType<ActAsPool['roleSettings']>>;
    try {
      roleSettings = await pool.roleSettings(auth.role, authenticatorName(config, login.value));
    } catch (e) {
      return fail(pgrst.connection(e instanceof Error ? e.message : String(e)));
    }
    let functionSettings: readonly (readonly [string, string])[] = [];
    let isolation = readsRoleSettings(config, configAuthenticator(config)) ? roleSettings.isolation : null;
    if (plan?.type === 'call') {
      try {
        const f = await pool.functionSettings(
          plan.routine.schema,
          plan.routine.name,
          plan.routine.params.length,
          config.dbHoistedTxSettings,
        );
        functionSettings = f.settings;
        isolation = f.isolation ?? isolation;
      } catch (e) {
        return fail(pgrst.connection(e instanceof Error ? e.message : String(e)));
      }
    }
    context = {
      role: auth.role,
      claims: auth.claims,
      method: apiRequest.method,
      path: apiRequest.path,
      headers: apiRequest.headers,
      cookies: apiRequest.cookies,
      searchPath: [apiRequest.schema, ...config.dbExtraSearchPath],
      roleSettings: roleSettingsAs(config, roleSettings.settings, configAuthenticator(config)),
      appSettings: Object.entries(config.appSettings).map(([k, v]) => [`app.settings.${k}`, v] as const),
      functionSettings,
      timezone: apiRequest.preferences.timezone,
      preRequest: config.dbPreRequest,
      isolationLevel: ISOLATION[isolation?.toLowerCase() ?? ''] ?? 'read committed',
      readOnly: statement.txMode === 'read',
    };
    const tx = apiRequest.preferences.transaction;
    const postgrestCommits = tx === 'rollback' ? false : tx === 'commit' ? true : !config.dbTxRollbackAll;
    const executed = await executeStatement({
      pool,
      session: context,
      statement,
      authenticated: auth.authenticated,
      checkMembership: login.value.checkMembership,
      model,
      end: input.txEnd === 'postgrest' && postgrestCommits ? 'commit' : 'rollback',
      maxRows: config.dbMaxRows,
      prepared: config.dbPreparedStatements,
      retryOn: behaves(config, 'serialization-failure-retried') ? ['40001'] : [],
      ...(input.onBackend ? { onBackend: input.onBackend } : {}),
    });
    t.executeMs = performance.now() - at;
    sql = executed.trace;
    committed = executed.committed;
    if (!executed.result.ok) return fail(executed.result.error);
    affected = executed.result.value.queryTotal;

    // 6. respond
    at = performance.now();
    if (openApi) {
      const doc = openApiResponse({
        schema: apiRequest.schema,
        negotiatedByProfile: apiRequest.negotiatedByProfile,
        headersOnly: openApi.headersOnly,
        schemaCache,
        inputsBody: executed.result.value.body,
        options: openApiServerOptions(config),
      });
      return done(withServerTiming(doc, performance.now() - at));
    }
    const response = buildResponse({
      statement,
      resultSet: executed.result.value,
      schema: apiRequest.schema,
      negotiatedByProfile: apiRequest.negotiatedByProfile,
      canonicalQuery: apiRequest.queryParams.canonical,
      verbosity: errorVerbosity(config),
      rangeErrorCutToPage: behaves(config, 'range-error-cut-to-page'),
    });
    // An error from the response stage (bad response.headers GUC) is an error response: no Server-Timing.
    return done(
      response.status >= 400 && response.headers.some(([k]) => k === 'Proxy-Status')
        ? response
        : withLegacyTargetWarning(config, plan, withServerTiming(response, performance.now() - at)),
    );
  } catch (e) {
    // A bug, not a request error: still answer like PostgREST would (500), naming what broke.
    const message = e instanceof Error ? e.message : String(e);
    return fail(
      new PgrstError({
        status: 500,
        code: 'GH900',
        message: `Internal simulator error: ${message}`,
        details: e instanceof Error ? (e.stack ?? null) : null,
        hint: 'This is a Gatehouse bug; please report the request that caused it.',
      }),
    );
  }
}

export interface SqlAsPersonaInput {
  readonly sql: string;
  readonly persona: Persona;
  readonly config: PostgrestConfig;
  readonly connection: SimConnection;
  readonly commit: boolean;
  readonly stages: Pick<Stages, 'authenticate'>;
  readonly pools?: PoolRegistry;
  readonly onBackend?: (pid: number) => void;
  /** Bound parameters for `sql` (one statement, extended protocol). */
  readonly params?: readonly (string | null)[];
  /** The database's catalog model, when the caller has one: it answers the SET ROLE check (no query). */
  readonly model?: () => Promise<Catalog>;
  /** The request a statement came from: its session, so an EXPLAIN sees what the request saw. */
  readonly request?: Pick<
    SessionContext,
    | 'method'
    | 'path'
    | 'headers'
    | 'cookies'
    | 'searchPath'
    | 'functionSettings'
    | 'timezone'
    | 'isolationLevel'
    | 'readOnly'
  >;
}

export interface SqlAsPersonaResult {
  readonly result: Result<readonly SqlResult[]>;
  readonly sql: readonly TracedStatement[];
  readonly context: SessionContext | null;
  readonly committed: boolean;
  readonly ms: number;
}

/**
 * The studio's SQL console as a persona: the same session a request gets (role, claims, search_path, role settings,
 * app settings; method POST, path /), then the developer's SQL; rolled back unless `commit`. Never throws.
 */
export async function runSqlAsPersona(input: SqlAsPersonaInput): Promise<SqlAsPersonaResult> {
  const started = performance.now();
  const { config } = input;
  const out = (
    result: Result<readonly SqlResult[]>,
    extra: Partial<SqlAsPersonaResult> = {},
  ): SqlAsPersonaResult => ({
    result,
    sql: [],
    context: null,
    committed: false,
    ms: performance.now() - started,
    ...extra,
  });
  try {
    const persona = await authorizationHeader(input.persona, null, config);
    const authR =
      persona.unsignedClaims !== null
        ? authFromClaims(config, persona.unsignedClaims)
        : await input.stages.authenticate(config, persona.header);
    if (!authR.ok) return out(authR);
    const login = loginFor(config, input.connection);
    if (!login.ok) return out(login);
    const pool = (input.pools ?? defaultPools).get(login.value.key, login.value.config);
    const settings = await pool.roleSettings(authR.value.role, authenticatorName(config, login.value));
    const context: SessionContext = {
      role: authR.value.role,
      claims: authR.value.claims,
      method: 'POST',
      path: '/',
      headers: [],
      cookies: [],
      searchPath: [config.dbSchemas[0] ?? 'public', ...config.dbExtraSearchPath],
      roleSettings: roleSettingsAs(config, settings.settings, configAuthenticator(config)),
      appSettings: Object.entries(config.appSettings).map(([k, v]) => [`app.settings.${k}`, v] as const),
      functionSettings: [],
      timezone: null,
      preRequest: config.dbPreRequest,
      isolationLevel: ISOLATION[settings.isolation?.toLowerCase() ?? ''] ?? 'read committed',
      readOnly: false,
      // Role, claims, role/app settings and the pre-request come from the persona and config as above.
      ...(input.request ?? {}),
    };
    const r = await executeSqlAsPersona({
      pool,
      session: context,
      sql: input.sql,
      authenticated: authR.value.authenticated,
      checkMembership: login.value.checkMembership,
      model: input.model ? await input.model() : null,
      end: input.commit ? 'commit' : 'rollback',
      ...(input.onBackend ? { onBackend: input.onBackend } : {}),
      ...(input.params ? { params: input.params } : {}),
    });
    return out(r.result, { sql: r.trace, context, committed: r.committed });
  } catch (e) {
    return out(err(pgrst.connection(e instanceof Error ? e.message : String(e))));
  }
}
