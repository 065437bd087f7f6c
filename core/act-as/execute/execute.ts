import type pg from 'pg';
import type { Catalog } from '../../../shared/model/catalog.js';
import { PgrstError, pgError, pgrst, type Result, ok, err } from '../errors/index.js';
import type { RenderedStatement } from '../render/types.js';
import type { ActAsPool } from './pools.js';
import { decodeResultSet, type ResultSet } from './result-set.js';
import {
  beginStatement,
  preRequestStatement,
  settingsStatement,
  type SessionContext,
  type SqlStatement,
} from './session.js';

export interface ExecuteInput {
  readonly pool: ActAsPool;
  readonly session: SessionContext;
  readonly statement: RenderedStatement;
  /** The request carried a valid JWT with a role other than the anonymous one (42501 → 403, else 401). */
  readonly authenticated: boolean;
  /** The pool logs in as the developer, not the authenticator: check membership before switching role. */
  readonly checkMembership: boolean;
  /** The catalog model of the database, when at hand: it answers the membership check instead of the server. */
  readonly model?: Catalog | null;
  /** How the transaction ends when nothing failed: PostgREST's db-tx-end + Prefer: tx, or the studio's choice. */
  readonly end: 'commit' | 'rollback';
  /** db-max-rows (for Prefer: count=estimated). */
  readonly maxRows: number | null;
  /** Told the backend pid (pg_backend_pid()) of the client the request runs on, so one run can be cancelled. */
  readonly onBackend?: (pid: number) => void;
}

/** One statement as it ran, for `--sql` and the studio's "what ran" panel. */
export interface TracedStatement extends SqlStatement {
  readonly ms: number;
}

export interface ExecuteOutput {
  readonly result: Result<ResultSet>;
  readonly trace: readonly TracedStatement[];
  /** Whether the transaction was committed (false: rolled back or failed). */
  readonly committed: boolean;
  readonly ms: number;
}

type DbError = { code: string; message: string; detail?: string; hint?: string };

function isDbError(e: unknown): e is DbError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((e as { code: string }).code) &&
    typeof (e as { message?: unknown }).message === 'string'
  );
}

/** A failure that is not a PostgreSQL error (connection refused, socket closed) → PGRST000, like PostgREST. */
function toPgrst(e: unknown, authenticated: boolean): PgrstError {
  if (e instanceof PgrstError) return e;
  if (isDbError(e)) return pgError(e, authenticated);
  return pgrst.connection(e instanceof Error ? e.message : String(e));
}

/** The singular/max-affected/PUT checks PostgREST makes after the main statement (they roll the tx back). */
function postChecks(st: RenderedStatement, rs: ResultSet): PgrstError | null {
  if (st.kind === 'upsert') return rs.queryTotal !== 1 ? pgrst.putMatchingPk() : null;
  if (st.singular && rs.queryTotal !== 1) return pgrst.singularity(rs.queryTotal);
  if (st.maxAffected !== null && rs.queryTotal > st.maxAffected && st.kind !== 'read' && st.kind !== 'insert')
    return pgrst.maxAffectedViolation(rs.queryTotal);
  return null;
}

function planRows(row: Record<string, unknown> | undefined): number | null {
  const v = row ? Object.values(row)[0] : undefined;
  const doc: unknown = typeof v === 'string' ? JSON.parse(v) : v;
  const n = (doc as [{ Plan?: { 'Plan Rows'?: unknown } }] | undefined)?.[0]?.Plan?.['Plan Rows'];
  return typeof n === 'number' ? n : null;
}

/** Reads the client's backend pid for a caller that may cancel this run; bookkeeping, so not traced. */
export async function reportBackend(client: pg.PoolClient, onBackend: (pid: number) => void): Promise<void> {
  const r = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  const pid = r.rows[0]?.pid;
  if (typeof pid === 'number') onBackend(pid);
}

/** Runs one statement on the request's client and records it in the trace. */
async function run(
  client: pg.PoolClient | null,
  trace: TracedStatement[],
  s: SqlStatement,
): Promise<pg.QueryResult<Record<string, unknown>>> {
  const t = performance.now();
  try {
    // pg only reads the values array.
    return await client!.query<Record<string, unknown>>(s.sql, s.params as (string | null)[]);
  } finally {
    trace.push({ sql: s.sql, params: s.params, ms: performance.now() - t });
  }
}

function finish(
  trace: readonly TracedStatement[],
  committed: boolean,
  started: number,
  result: Result<ResultSet>,
): ExecuteOutput {
  return { result, trace, committed, ms: performance.now() - started };
}

/**
 * Runs the request as PostgREST does: one transaction on one client — BEGIN (isolation, READ ONLY/WRITE),
 * the set_config round (role included), the pre-request function, the main statement, PostgREST's checks,
 * then COMMIT or ROLLBACK. Never throws: every failure is an `err` PgrstError.
 */
export async function executeStatement(input: ExecuteInput): Promise<ExecuteOutput> {
  const { pool, session, statement: st } = input;
  const trace: TracedStatement[] = [];
  const started = performance.now();
  let client: pg.PoolClient | null = null;
  let inTx = false;
  let committed = false;
  try {
    if (input.checkMembership && !(await pool.canAssume(session.role, input.model))) {
      const info = await pool.info();
      const sixteen = info.versionNum >= 160000;
      return finish(
        trace,
        committed,
        started,
        err(
          new PgrstError({
            status: 500,
            code: 'GH500',
            message: `The connection's login role "${info.login}" cannot act as "${session.role}".`,
            details: sixteen
              ? `"${info.login}" may not SET ROLE to "${session.role}": no chain of grants with the SET option leads there.`
              : `"${info.login}" is not a member of "${session.role}", so it may not SET ROLE to it.`,
            hint:
              `GRANT "${session.role}" TO "${info.login}"${sixteen ? ' WITH SET TRUE' : ''}; ` +
              "or give the authenticator's password in db-uri.",
          }),
        ),
      );
    }
    client = await pool.pool.connect();
    if (input.onBackend) await reportBackend(client, input.onBackend);
    // BEGIN cannot fail on a connection that is not in a transaction, so it travels with the set_config round
    // (the pool pipelines): one round trip for both, and nothing is sent that PostgREST would not send.
    const begun = run(client, trace, { sql: beginStatement(session), params: [] });
    const settings = run(client, trace, settingsStatement(session));
    inTx = true;
    for (const r of await Promise.allSettled([begun, settings])) if (r.status === 'rejected') throw r.reason;
    const pre = preRequestStatement(session);
    if (pre) await run(client, trace, pre);
    if (
      input.end === 'commit' &&
      st.kind === 'read' &&
      !st.singular &&
      !((st.count === 'planned' || st.count === 'estimated') && st.countSql !== null)
    ) {
      // A plain read that commits: no post-check applies and no count estimate runs in between, so COMMIT goes out
      // with the main statement (same statements, one round trip fewer). Should the main statement fail, the
      // server turns that COMMIT into a rollback, which is what PostgREST's ROLLBACK would do.
      const sent = await Promise.allSettled([
        run(client, trace, { sql: st.sql, params: st.params }),
        run(client, trace, { sql: 'COMMIT', params: [] }),
      ]);
      inTx = false;
      const [mainR, commitR] = sent;
      if (mainR.status === 'rejected') throw mainR.reason;
      if (commitR.status === 'rejected') throw commitR.reason;
      committed = commitR.value.command === 'COMMIT';
      return finish(trace, committed, started, ok(decodeResultSet(mainR.value.rows[0], false)));
    }
    const main = await run(client, trace, { sql: st.sql, params: st.params });
    let rs = decodeResultSet(main.rows[0], st.kind === 'call');
    const failed = postChecks(st, rs);
    if (failed) {
      await run(client, trace, { sql: 'ROLLBACK', params: [] });
      inTx = false;
      return finish(trace, committed, started, err(failed));
    }
    if ((st.count === 'planned' || st.count === 'estimated') && st.countSql !== null) {
      const ex = await run(client, trace, {
        sql: `EXPLAIN (FORMAT JSON) ${st.countSql}`,
        params: st.countParams,
      });
      const estimate = planRows(ex.rows[0]);
      const total =
        st.count === 'planned'
          ? estimate
          : input.maxRows !== null &&
              rs.tableTotal !== null &&
              rs.tableTotal > input.maxRows &&
              estimate !== null
            ? Math.max(rs.tableTotal, estimate)
            : rs.tableTotal;
      rs = { ...rs, tableTotal: total };
    }
    if (input.end === 'rollback') {
      // Deferred constraints still get checked, so a rolled-back request fails where a committed one would.
      await run(client, trace, { sql: 'SET CONSTRAINTS ALL IMMEDIATE', params: [] });
      await run(client, trace, { sql: 'ROLLBACK', params: [] });
    } else {
      await run(client, trace, { sql: 'COMMIT', params: [] });
      committed = true;
    }
    inTx = false;
    return finish(trace, committed, started, ok(rs));
  } catch (e) {
    if (inTx && client) {
      try {
        await run(client, trace, { sql: 'ROLLBACK', params: [] });
      } catch {
        // the connection is gone; release() below discards it
      }
    }
    const broken = !isDbError(e);
    client?.release(broken ? (e instanceof Error ? e : new Error(String(e))) : undefined);
    client = null;
    return finish(trace, committed, started, err(toPgrst(e, input.authenticated)));
  } finally {
    client?.release();
  }
}
