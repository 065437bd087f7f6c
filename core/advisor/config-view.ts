import { existsSync, readFileSync } from 'node:fs';
import { GatehouseError } from '../../shared/errors.js';
import { loadPostgrestConfig, parseConfigText, type PostgrestConfig } from '../act-as/config/index.js';
import { jwtKeysFromSecret } from '../act-as/config/secret.js';

/** A setting PostgREST would refuse at start-up: the advisor reports it as a finding and runs on without it. */
export interface ConfigProblem {
  readonly kind: 'jwt_secret_short' | 'system_schema_exposed';
  /** Where it is written (`postgrest.conf:4`, `PGRST_DB_SCHEMAS`). */
  readonly where: string;
  readonly detail: string;
}

/** The PostgREST configuration as the advisor sees it: what it could load, what it assumed, what is wrong. */
export interface AdvisorConfig {
  readonly config: PostgrestConfig;
  /** The login role of db-uri, or null when db-uri names none (the advisor then infers one from the catalog). */
  readonly dbUriUser: string | null;
  readonly assumptions: readonly string[];
  readonly problems: readonly ConfigProblem[];
  /** The file read, or null (text given, or nothing). */
  readonly file: string | null;
}

export interface AdvisorConfigInput {
  readonly file?: string | null;
  readonly text?: string | null;
  readonly env?: Record<string, string | undefined>;
}

const FORBIDDEN_SCHEMAS = ['pg_catalog', 'information_schema'];

/** `postgresql://user@host/db` or `user=x host=y` → the user, if written. */
export function userOfDbUri(uri: string): string | null {
  if (/^postgres(ql)?:\/\//.test(uri)) {
    try {
      const u = new URL(uri);
      return u.username === '' ? null : decodeURIComponent(u.username);
    } catch {
      return null;
    }
  }
  const m = /(?:^|\s)user\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/.exec(uri);
  if (!m?.[1]) return null;
  return m[1].startsWith("'") ? m[1].slice(1, -1).replace(/\\(.)/g, '$1') : m[1];
}

const lineOf = (message: string): number | null => {
  const m = /:(\d+)(?::| \()/.exec(message);
  return m?.[1] ? Number(m[1]) : null;
};

/**
 * Loads postgrest.conf like PostgREST (core/act-as/config), but never gives up: the settings PostgREST refuses
 * (a short jwt-secret, a system schema in db-schemas) become problems the advisor reports, any other bad line is
 * left out and said so, and a missing file means PostgREST's defaults — each assumption written down.
 */
export function loadAdvisorConfig(input: AdvisorConfigInput): AdvisorConfig {
  const env = { ...(input.env ?? {}) };
  const assumptions: string[] = [];
  const problems: ConfigProblem[] = [];
  const name = input.file ?? 'postgrest.conf';
  let text = input.text ?? null;
  if (text === null && input.file != null) {
    if (!existsSync(input.file)) {
      assumptions.push(
        `${input.file} does not exist: PostgREST's defaults (and PGRST_* variables) are assumed.`,
      );
    } else {
      try {
        text = readFileSync(input.file, 'utf8');
      } catch (e) {
        assumptions.push(
          `${input.file} could not be read (${e instanceof Error ? e.message : String(e)}): PostgREST's defaults are assumed.`,
        );
      }
    }
  } else if (text === null) {
    assumptions.push("No postgrest.conf given: PostgREST's defaults (and PGRST_* variables) are assumed.");
  }

  let lines = text === null ? null : text.split('\n');
  // A line that does not parse is left out, and said so, so that the rest of the file still counts.
  for (let attempt = 0; lines !== null && attempt < 50; attempt++) {
    try {
      parseConfigText(lines.join('\n'), name, env);
      break;
    } catch (error) {
      const line = error instanceof GatehouseError ? lineOf(error.message) : null;
      if (line === null || line > lines.length || lines[line - 1] === '') {
        assumptions.push(
          `${error instanceof Error ? error.message : String(error)} — PostgREST's defaults are assumed.`,
        );
        lines = null;
      } else {
        assumptions.push(
          `${error instanceof Error ? error.message : String(error)} — that line was left out.`,
        );
        lines[line - 1] = '';
      }
    }
  }
  // First the two refusals the advisor turns into findings, read from the raw settings.
  const raw = (key: string): { value: string; where: string; line: number | null } | null => {
    const envKey = `PGRST_${key.replace(/-/g, '_').toUpperCase()}`;
    if (env[envKey] !== undefined) return { value: env[envKey] ?? '', where: envKey, line: null };
    if (lines === null) return null;
    try {
      const entry = parseConfigText(lines.join('\n'), name, env).get(key);
      return entry ? { value: entry.value, where: `${name}:${entry.line}`, line: entry.line } : null;
    } catch {
      return null;
    }
  };
  const rewrite = (at: { where: string; line: number | null }, key: string, value: string | null): void => {
    if (at.line === null) {
      const envKey = at.where;
      if (value === null) delete env[envKey];
      else env[envKey] = value;
    } else if (lines !== null) {
      lines[at.line - 1] = value === null ? '' : `${key} = ${JSON.stringify(value)}`;
    }
  };
  for (const key of ['db-schemas', 'db-schema']) {
    const schemas = raw(key);
    if (schemas === null) continue;
    const list = schemas.value.split(',').map((s) => s.trim());
    const bad = list.filter((s) => FORBIDDEN_SCHEMAS.includes(s));
    if (bad.length === 0) continue;
    problems.push({ kind: 'system_schema_exposed', where: schemas.where, detail: bad.join(', ') });
    const kept = list.filter((s) => !FORBIDDEN_SCHEMAS.includes(s));
    rewrite(schemas, key, kept.length > 0 ? kept.join(', ') : null);
    assumptions.push(
      `${schemas.where}: PostgREST refuses ${bad.join(' and ')} in ${key}; the advisor went on with ${kept.length > 0 ? kept.join(', ') : "the default 'public'"}.`,
    );
  }
  const secret = raw('jwt-secret');
  if (secret !== null && secret.value !== '' && !secret.value.startsWith('@')) {
    const isBase64 = /^(true|on)$/i.test(raw('jwt-secret-is-base64')?.value ?? '');
    const keys = jwtKeysFromSecret(secret.value, isBase64);
    if (!keys.ok && /at least 32/.test(keys.problem)) {
      problems.push({
        kind: 'jwt_secret_short',
        where: secret.where,
        detail: `${secret.value.length} characters`,
      });
      rewrite(secret, 'jwt-secret', null);
    }
  }

  // Then load; a line the loader still refuses is left out, and said so (at most one pass per line).
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const config = loadPostgrestConfig({
        text: lines === null ? null : lines.join('\n'),
        // The file was read above (or is unusable): never let the loader read it again.
        file: lines === null ? null : name,
        env,
      });
      const dbUriUser = userOfDbUri(config.dbUri);
      if (config.dbAnonRole === null)
        assumptions.push('db-anon-role is not set: requests without a token are refused, no anonymous role.');
      return { config, dbUriUser, assumptions, problems, file: input.file ?? null };
    } catch (error) {
      if (!(error instanceof GatehouseError) || error.code !== 'GH401') throw error;
      const line = lineOf(error.message);
      const envKey = /^(PGRST_[A-Z0-9_]+)/.exec(error.message)?.[1];
      if (line !== null && lines !== null && line <= lines.length && lines[line - 1] !== '') {
        assumptions.push(`${error.message} — that line was left out.`);
        lines[line - 1] = '';
      } else if (envKey !== undefined && env[envKey] !== undefined) {
        assumptions.push(`${error.message} — ${envKey} was left out.`);
        delete env[envKey];
      } else {
        assumptions.push(`${error.message} — PostgREST's defaults are assumed.`);
        lines = null;
      }
    }
  }
  throw new GatehouseError('GH401', `${name} could not be read even line by line.`, {
    hint: "Check the file against PostgREST's configuration reference.",
  });
}
