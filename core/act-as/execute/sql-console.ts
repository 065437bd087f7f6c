import type pg from 'pg';
import type { Catalog } from '../../../shared/model/catalog.js';
import { PgrstError, pgError, pgrst, type Result, ok, err } from '../errors/index.js';
import { reportBackend, type TracedStatement } from './execute.js';
import type { ActAsPool } from './pools.js';
import {
  beginStatement,
  preRequestStatement,
  settingsStatement,
  type SessionContext,
  type SqlStatement,
} from './session.js';

/** One result of a (possibly multi-statement) SQL text. */
export interface SqlResult {
  readonly command: string;
  readonly rowCount: number | null;
  readonly columns: readonly string[];
  /** Rows as arrays of text values (null for NULL), in column order. */
  readonly rows: readonly (readonly (string | null)[])[];
}

export interface SqlConsoleOutput {
  readonly result: Result<readonly SqlResult[]>;
  readonly trace: readonly TracedStatement[];
  readonly committed: boolean;
}

/** Text values exactly as PostgreSQL prints them: no JS type parsing. */
const asText = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

/**
 * Runs developer SQL inside the persona's session (same BEGIN, set_config round and pre-request function as a
 * request, role included),
 * then commits or rolls back. Never throws.
 */
export async function executeSqlAsPersona(input: {
  readonly pool: ActAsPool;
  readonly session: SessionContext;
  readonly sql: string;
  readonly authenticated: boolean;
  readonly checkMembership: boolean;
  /** The catalog model of the database, when at hand: it answers the membership check instead of the server. */
  readonly model?: Catalog | null;
  readonly end: 'commit' | 'rollback';
  /** Bound parameters ($1…): the extended protocol, so one statement only (EXPLAIN of a request's statement). */
  readonly params?: readonly (string | null)[];
  readonly onBackend?: (pid: number) => void;
}): Promise<SqlConsoleOutput> {
  const trace: TracedStatement[] = [];
  let committed = false;
  if (
    input.checkMembership &&
    !(await input.pool.canAssume(input.session.role, input.model).catch(() => false))
  ) {
    return {
      result: err(
        new PgrstError({
          status: 500,
          code: 'GH500',
          message: `The connection's login role cannot act as "${input.session.role}".`,
          hint: `GRANT "${input.session.role}" TO <your login>; or give the authenticator's password in db-uri.`,
        }),
      ),
      trace,
      committed,
    };
  }
  let client: pg.PoolClient | null = null;
  let inTx = false;
  const run = async (s: SqlStatement, types?: pg.CustomTypesConfig): Promise<unknown> => {
    const t = performance.now();
    try {
      return await client!.query({
        text: s.sql,
        values: [...s.params],
        ...(types ? { types, rowMode: 'array' as const } : {}),
      });
    } finally {
      trace.push({ ...s, ms: performance.now() - t });
    }
  };
  try {
    client = await input.pool.pool.connect();
    if (input.onBackend) await reportBackend(client, input.onBackend);
    await run({ sql: beginStatement(input.session), params: [] });
    inTx = true;
    await run(settingsStatement(input.session));
    // The pre-request function runs as it does before a request's main statement (same statement builder).
    const pre = preRequestStatement(input.session);
    if (pre) await run(pre);
    // No parameters: the simple protocol, so several statements may run in one text (pg binds only non-empty values).
    const raw = await run({ sql: input.sql, params: input.params ?? [] }, asText);
    const list = (Array.isArray(raw) ? raw : [raw]) as pg.QueryArrayResult[];
    const results: SqlResult[] = list.map((r) => ({
      command: r.command,
      rowCount: r.rowCount,
      columns: (r.fields ?? []).map((f) => f.name),
      rows: (r.rows as unknown[][]).map((row) =>
        row.map((v) => (v === null || v === undefined ? null : String(v))),
      ),
    }));
    await run({ sql: input.end === 'commit' ? 'COMMIT' : 'ROLLBACK', params: [] });
    committed = input.end === 'commit';
    inTx = false;
    return { result: ok(results), trace, committed };
  } catch (e) {
    if (inTx && client) await run({ sql: 'ROLLBACK', params: [] }).catch(() => undefined);
    const pgLike = e as { code?: unknown; message?: unknown };
    const error =
      typeof pgLike.code === 'string' && /^[0-9A-Z]{5}$/.test(pgLike.code)
        ? pgError(e as { code: string; message: string }, input.authenticated)
        : pgrst.connection(e instanceof Error ? e.message : String(e));
    return { result: err(error), trace, committed: false };
  } finally {
    client?.release();
  }
}
