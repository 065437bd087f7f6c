import { quoteIdentAlways as quoteIdent } from '../../ddl/quote.js';
import type { Json } from '../errors/pgrst-error.js';

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

/**
 * Everything the request transaction sets before the main statement (PostgREST's transaction variables):
 * who the request runs as, what it looks like, and which settings apply.
 */
export interface SessionContext {
  /** The role the request impersonates (JWT role claim or the anonymous role). */
  readonly role: string;
  /** The JWT claims as decoded (the `role` key is set to `role` when the settings are built). */
  readonly claims: Readonly<Record<string, Json>>;
  readonly method: string;
  readonly path: string;
  /** Request headers, lower-cased names, without Cookie. Duplicates: the last one wins. */
  readonly headers: readonly (readonly [string, string])[];
  readonly cookies: readonly (readonly [string, string])[];
  /** The request's schema followed by db-extra-search-path. */
  readonly searchPath: readonly string[];
  /** ALTER ROLE … SET values of `role` (without default_transaction_isolation). */
  readonly roleSettings: readonly (readonly [string, string])[];
  /** app.settings.* from the config (names already prefixed). */
  readonly appSettings: readonly (readonly [string, string])[];
  /** SET clauses of the called function (RPC only). */
  readonly functionSettings: readonly (readonly [string, string])[];
  /** Prefer: timezone=… */
  readonly timezone: string | null;
  /** db-pre-request function, schema-qualified. */
  readonly preRequest: { readonly schema: string; readonly name: string } | null;
  readonly isolationLevel: IsolationLevel;
  readonly readOnly: boolean;
}

/** A statement with positional parameters. */
export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly (string | null)[];
}

export function beginStatement(ctx: Pick<SessionContext, 'isolationLevel' | 'readOnly'>): string {
  return `BEGIN ISOLATION LEVEL ${ctx.isolationLevel.toUpperCase()} ${ctx.readOnly ? 'READ ONLY' : 'READ WRITE'}`;
}

/** JSON text with object keys sorted at every depth: PostgREST's JSON encoder writes claims that way. */
export function sortedJson(value: Json): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k] as Json);
    return out;
  }
  return v;
}

function jsonObjectText(pairs: readonly (readonly [string, string])[]): string {
  const o: Record<string, string> = {};
  for (const [k, v] of pairs) o[k] = v;
  return JSON.stringify(o);
}

/**
 * The one `select set_config(…)` round, in PostgREST's order: search_path, the role's settings (before the role,
 * so GRANT SET ON PARAMETER to the login role is what counts), role, claims, method, path, headers, cookies,
 * timezone, function settings, app settings. Names and values are parameters, all transaction-local.
 */
export function settingsStatement(ctx: SessionContext): SqlStatement {
  const params: (string | null)[] = ['search_path', ctx.searchPath.map(quoteIdent).join(', ')];
  for (const [k, v] of ctx.roleSettings) params.push(k, v);
  params.push(
    'role',
    ctx.role,
    'request.jwt.claims',
    sortedJson({ ...ctx.claims, role: ctx.role }),
    'request.method',
    ctx.method,
    'request.path',
    ctx.path,
    'request.headers',
    jsonObjectText(ctx.headers),
    'request.cookies',
    jsonObjectText(ctx.cookies),
  );
  if (ctx.timezone !== null) params.push('timezone', ctx.timezone);
  for (const [k, v] of ctx.functionSettings) params.push(k, v);
  for (const [k, v] of ctx.appSettings) params.push(k, v);
  return { sql: setConfigSql(params.length / 2), params };
}

/** `select set_config($1, $2, true), …` for n pairs; the text only depends on n, so it is built once per n. */
const setConfigSqls: string[] = [];
function setConfigSql(n: number): string {
  let sql = setConfigSqls[n];
  if (sql === undefined) {
    const items: string[] = [];
    for (let i = 1; i <= n; i++) items.push(`set_config($${2 * i - 1}, $${2 * i}, true)`);
    sql = `select ${items.join(', ')}`;
    setConfigSqls[n] = sql;
  }
  return sql;
}

export function preRequestStatement(ctx: SessionContext): SqlStatement | null {
  if (ctx.preRequest === null) return null;
  const { schema, name } = ctx.preRequest;
  // An unqualified db-pre-request resolves through the search_path, as in PostgREST.
  const fn = schema === '' ? quoteIdent(name) : `${quoteIdent(schema)}.${quoteIdent(name)}`;
  return { sql: `select ${fn}()`, params: [] };
}
