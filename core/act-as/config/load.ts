/**
 * postgrest.conf + PGRST_* environment → PostgrestConfig, with PostgREST's names, aliases and defaults.
 * Environment variables override the file (`db-schemas` ← PGRST_DB_SCHEMAS; `app.settings.x` ←
 * PGRST_APP_SETTINGS_x). A file that cannot be read is GH400; an invalid line or value is GH401.
 *
 * @example
 *   loadPostgrestConfig({ file: '/etc/postgrest.conf', env: process.env })
 *   loadPostgrestConfig({ text: 'db-schemas = "api"', env: {} })
 */
import { readFileSync } from 'node:fs';
import { GatehouseError } from '../../../shared/errors.js';
import type { ConfigValue } from './file-syntax.js';
import { parseConfigText } from './file-syntax.js';
import { defaultRoleClaimKey, parseJsPath } from './js-path.js';
import { jwtKeysFromSecret } from './secret.js';
import type { JsPath, OpenApiMode, PostgrestConfig, PostgrestVersion, TxEnd } from './types.js';

export type LoadConfigInput = {
  /** Path of a postgrest.conf to read. */
  file?: string | null;
  /** Or its text (then `file` only names it in messages). */
  text?: string | null;
  /** Environment (PGRST_* variables and $(VAR) interpolation); default none. */
  env?: Record<string, string | undefined>;
  /** The PostgREST major to answer as (default: the newest, 16). */
  postgrestVersion?: PostgrestVersion;
};

type Source = { get(key: string): { value: string; where: string } | null };

function invalid(where: string, problem: string, hint: string): GatehouseError {
  return new GatehouseError('GH401', `${where}: ${problem}`, { hint });
}

function envName(key: string): string {
  return `PGRST_${key.replace(/-/g, '_').toUpperCase()}`;
}

/** Lets `db-schemas = "a, b"` and `db-extra-search-path = ""` split like PostgREST. */
function splitOnCommas(s: string): string[] {
  return s.split(',').map((x) => x.trim());
}

function toQi(s: string): { schema: string; name: string } {
  // PostgREST's toQi: split on the first "."; no dot = unqualified (empty schema).
  const i = s.indexOf('.');
  return i === -1 ? { schema: '', name: s } : { schema: s.slice(0, i), name: s.slice(i + 1) };
}

export function loadPostgrestConfig(input: LoadConfigInput = {}): PostgrestConfig {
  const env = input.env ?? {};
  const fileName = input.file ?? (input.text != null ? 'postgrest.conf' : null);
  let entries = new Map<string, ConfigValue>();
  if (input.text != null || input.file != null) {
    let text = input.text ?? null;
    if (text === null && input.file != null) {
      try {
        text = readFileSync(input.file, 'utf8');
      } catch (cause) {
        throw new GatehouseError('GH400', `Cannot read the PostgREST configuration file ${input.file}.`, {
          details: cause instanceof Error ? cause.message : String(cause),
          hint: 'Check the path and that the file is readable.',
          cause,
        });
      }
    }
    entries = parseConfigText(text ?? '', fileName ?? 'postgrest.conf', env);
  }

  const src: Source = {
    get(key) {
      const e = env[envName(key)];
      if (e !== undefined) return { value: e, where: envName(key) };
      const f = entries.get(key);
      return f ? { value: f.value, where: `${fileName ?? 'postgrest.conf'}:${f.line} (${key})` } : null;
    },
  };
  // optString: "" counts as unset.
  const str = (key: string, alias?: string): { value: string; where: string } | null => {
    const v = src.get(key);
    if (v !== null && v.value !== '') return v;
    if (alias === undefined) return null;
    const a = src.get(alias);
    return a !== null && a.value !== '' ? a : null;
  };
  const bool = (key: string, dflt: boolean, alias?: string): boolean => {
    const v = str(key, alias);
    if (v === null) return dflt;
    const letters = v.value.replace(/[^A-Za-z]/g, '').toLowerCase();
    if (letters === 'true' || letters === 'on') return true;
    if (letters === 'false' || letters === 'off') return false;
    if (/^-?[0-9]+$/.test(v.value.trim())) return Number(v.value) > 0;
    throw invalid(v.where, `"${v.value}" is not a boolean`, 'Use true or false.');
  };
  const int = (key: string, alias?: string): number | null => {
    const v = str(key, alias);
    if (v === null) return null;
    if (!/^\s*-?[0-9]+\s*$/.test(v.value))
      throw invalid(v.where, `"${v.value}" is not an integer`, 'Use a whole number.');
    return Number(v.value);
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[], dflt: T, problem: string): T => {
    const v = str(key);
    if (v === null) return dflt;
    if ((allowed as readonly string[]).includes(v.value)) return v.value as T;
    throw invalid(v.where, `${problem}: "${v.value}"`, `Use one of: ${allowed.join(', ')}.`);
  };

  const schemasV = str('db-schemas', 'db-schema');
  const dbSchemas = schemasV === null ? ['public'] : splitOnCommas(schemasV.value);
  // pg_catalog or information_schema in db-schemas loads: whether the chosen major starts with it is
  // configRefusal's question (16 refuses it, versions.ts 'system-schemas-refused').
  const extra = src.get('db-extra-search-path');
  const dbTxEnd = oneOf<TxEnd>(
    'db-tx-end',
    ['commit', 'commit-allow-override', 'rollback', 'rollback-allow-override'],
    'commit',
    'Invalid transaction termination',
  );
  const openApiMode = oneOf<OpenApiMode>(
    'openapi-mode',
    ['follow-privileges', 'ignore-privileges', 'disabled'],
    'follow-privileges',
    'Invalid openapi-mode',
  );
  const clientErrorVerbosity = oneOf(
    'client-error-verbosity',
    ['verbose', 'minimal'] as const,
    'verbose',
    'Invalid client-error-verbosity',
  );

  const rck = str('jwt-role-claim-key', 'role-claim-key');
  let jwtRoleClaimKey: JsPath = defaultRoleClaimKey;
  if (rck !== null) {
    try {
      jwtRoleClaimKey = parseJsPath(rck.value);
    } catch (e) {
      throw invalid(rck.where, (e as Error).message, 'Use a path like $.role or .realm_access.roles[0].');
    }
  }

  const jwtSecretIsBase64 = bool('jwt-secret-is-base64', false, 'secret-is-base64');
  const secretV = str('jwt-secret');
  let jwtSecret: string | null = secretV?.value ?? null;
  if (secretV !== null && jwtSecret !== null && jwtSecret.startsWith('@')) {
    const path = jwtSecret.slice(1);
    try {
      jwtSecret = readFileSync(path, 'utf8').replace(/\n$/, '');
    } catch (cause) {
      throw new GatehouseError('GH400', `Cannot read the JWT secret file ${path} (${secretV.where}).`, {
        hint: 'Check the path after "@" in jwt-secret.',
        cause,
      });
    }
  }
  let jwtKeys: PostgrestConfig['jwtKeys'] = null;
  if (secretV !== null && jwtSecret !== null) {
    // A short secret loads: whether the chosen major starts with it is configRefusal's question (versions.ts).
    const k = jwtKeysFromSecret(jwtSecret, jwtSecretIsBase64, false);
    if (!k.ok)
      throw invalid(secretV.where, k.problem, 'Use a secret of at least 32 characters, or a JWK/JWKS.');
    jwtKeys = k.keys;
  }

  const aud = str('jwt-aud');
  if (aud !== null && aud.value.includes(':') && !/^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(aud.value)) {
    throw invalid(aud.where, 'jwt-aud should be a string or a valid URI', 'Use a plain string or a URI.');
  }

  // app.settings.* from the file, overridden by PGRST_APP_SETTINGS_*.
  const appSettings: Record<string, string> = {};
  for (const [k, v] of entries)
    if (k.startsWith('app.settings.')) appSettings[k.slice('app.settings.'.length)] = v.value;
  for (const [k, v] of Object.entries(env)) {
    if (k.startsWith('PGRST_APP_SETTINGS_') && v !== undefined)
      appSettings[k.slice('PGRST_APP_SETTINGS_'.length)] = v;
  }

  const preReq = str('db-pre-request', 'pre-request');
  const rootSpec = str('db-root-spec', 'root-spec');
  const hoisted = str('db-hoisted-tx-settings');
  const trace = str('server-trace-header');
  const cors = str('server-cors-allowed-origins');
  return {
    dbUri: str('db-uri')?.value ?? 'postgresql://',
    dbSchemas,
    dbAnonRole: str('db-anon-role')?.value ?? null,
    dbPreRequest: preReq === null ? null : toQi(preReq.value),
    dbExtraSearchPath: extra === null ? ['public'] : extra.value === '' ? [] : splitOnCommas(extra.value),
    dbMaxRows: int('db-max-rows', 'max-rows'),
    dbTxEnd,
    dbTxAllowOverride: dbTxEnd.endsWith('allow-override'),
    dbTxRollbackAll: dbTxEnd.startsWith('rollback'),
    dbAggregatesEnabled: bool('db-aggregates-enabled', false),
    dbPlanEnabled: bool('db-plan-enabled', false),
    dbRootSpec: rootSpec === null ? null : toQi(rootSpec.value),
    dbHoistedTxSettings:
      hoisted === null
        ? ['statement_timeout', 'plan_filter.statement_cost_limit', 'default_transaction_isolation']
        : splitOnCommas(hoisted.value),
    dbChannel: str('db-channel')?.value ?? 'pgrst',
    dbChannelEnabled: bool('db-channel-enabled', true),
    jwtSecret,
    jwtSecretIsBase64,
    jwtKeys,
    jwtAud: aud?.value ?? null,
    jwtRoleClaimKey,
    jwtCacheMaxEntries: int('jwt-cache-max-entries') ?? 1000,
    clientErrorVerbosity,
    openApiMode,
    openApiServerProxyUri: str('openapi-server-proxy-uri')?.value ?? null,
    openApiSecurityActive: bool('openapi-security-active', false),
    serverHost: str('server-host')?.value ?? '!4',
    serverPort: int('server-port') ?? 3000,
    serverTimingEnabled: bool('server-timing-enabled', false),
    serverTraceHeader: trace?.value ?? null,
    appSettings,
    serverCorsAllowedOrigins: cors === null ? null : splitOnCommas(cors.value).filter((o) => o !== ''),
    dbPreparedStatements: bool('db-prepared-statements', true),
    urlUseLegacyTargetNames: bool('url-use-legacy-target-names', true),
    postgrestVersion: input.postgrestVersion ?? 16,
    sourceFile: input.file ?? null,
  };
}

/** The configuration PostgREST runs with when given nothing (all defaults). */
export function defaultPostgrestConfig(): PostgrestConfig {
  return loadPostgrestConfig({});
}
