import { createHash } from 'node:crypto';
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
  /** db-prepared-statements: the set_config round, the pre-request call and the main statement are prepared. */
  readonly prepared?: boolean;
  /**
   * Run the whole transaction again when PostgreSQL fails it with one of these SQLSTATEs, as PostgREST before 16
   * did through hasql-transaction's retrying `transaction` (40001, serialization_failure).
   */
  readonly retryOn?: readonly string[];
}

/**
 * How often a failing transaction is run again at most. hasql-transaction retries without limit (so a function
 * that always fails with 40001 keeps PostgREST 12–14 busy forever); the simulator stops there and answers the
 * error, so a studio request cannot hang.
 */
export const MAX_TRANSACTION_RETRIES = 100;

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

/** Column values as the text PostgreSQL sent (an EXPLAIN's json must keep its layout). */
const RAW_TEXT: pg.CustomTypesConfig = { getTypeParser: () => (v: string) => v };

/**
 * The name a statement is prepared under: derived from its text, so one name never means two statements on a
 * connection (pg refuses that), and the same request shape reuses the server's parsed statement and plan.
 */
const preparedNames = new Map<string, string>();
let generation = 0;

/**
 * After a schema reload, statements are prepared afresh under new names: a plan prepared before DDL could fail
 * with "cached plan must not change result type". Old ones go with their connections (idle timeout).
 */
export function forgetPreparedStatements(): void {
  generation++;
  preparedNames.clear();
}

function preparedName(sql: string): string {
  let name = preparedNames.get(sql);
  if (name === undefined) {
    name = `gh${generation}_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    // Bounded: request shapes are many but finite; forgetting a name only costs a hash.
    if (preparedNames.size >= 10_000) preparedNames.clear();
    preparedNames.set(sql, name);
  }
  return name;
}

/**
 * Runs one statement on the request's client and records it in the trace. `prepare`: as a named prepared
 * statement (PostgREST's db-prepared-statements: parsed and planned once per connection, then only bound).
 */
async function run(
  client: pg.PoolClient | null,
  trace: TracedStatement[],
  s: SqlStatement,
  types?: pg.CustomTypesConfig,
  prepare = false,
): Promise<pg.QueryResult<Record<string, unknown>>> {
  const t = performance.now();
  try {
    // pg only reads the values array.
    const values = s.params as (string | null)[];
    const query: pg.QueryConfig = { text: s.sql, values };
    if (types) query.types = types;
    if (prepare) query.name = preparedName(s.sql);
    return await client!.query<Record<string, unknown>>(query);
  } finally {
    trace.push({ sql: s.sql, params: s.params, ms: performance.now() - t });
  }
}

type QueryResult = pg.QueryResult<Record<string, unknown>>;

/** A statement of a batch sent in one write. */
interface Sent {
  readonly statement: SqlStatement;
  readonly prepare?: boolean;
  readonly types?: pg.CustomTypesConfig;
}

/** The socket under a pg client, when pg exposes it (it does on Node: `client.connection.stream`). */
function socketOf(client: pg.PoolClient): { cork(): void; uncork(): void } | null {
  const stream = (client as { connection?: { stream?: unknown } }).connection?.stream;
  return typeof stream === 'object' &&
    stream !== null &&
    typeof (stream as { cork?: unknown }).cork === 'function' &&
    typeof (stream as { uncork?: unknown }).uncork === 'function'
    ? (stream as { cork(): void; uncork(): void })
    : null;
}

/**
 * Sends the statements on the (pipelining) client in one write and waits for every answer. The trace keeps the
 * statements the server ran: up to and including the first that failed, and a COMMIT after it (which the server
 * turned into a rollback); the ones it ignored because the transaction was aborted are left out.
 */
async function sendTogether(
  client: pg.PoolClient,
  trace: TracedStatement[],
  batch: readonly Sent[],
): Promise<PromiseSettledResult<QueryResult>[]> {
  const traced = batch.map((): TracedStatement[] => []);
  const socket = socketOf(client);
  socket?.cork();
  let pending: Promise<QueryResult>[];
  try {
    pending = batch.map((b, i) => run(client, traced[i]!, b.statement, b.types, b.prepare ?? false));
  } finally {
    socket?.uncork();
  }
  const answers = await Promise.allSettled(pending);
  const first = answers.findIndex((a) => a.status === 'rejected');
  answers.forEach((a, i) => {
    if (first === -1 || i <= first || a.status === 'fulfilled') trace.push(...traced[i]!);
  });
  return answers;
}

/** Ends the transaction as asked; deferred constraints are still checked before a rollback. */
async function end(
  client: pg.PoolClient,
  trace: TracedStatement[],
  how: 'commit' | 'rollback',
): Promise<boolean> {
  if (how === 'rollback') {
    await run(client, trace, { sql: 'SET CONSTRAINTS ALL IMMEDIATE', params: [] });
    await run(client, trace, { sql: 'ROLLBACK', params: [] });
    return false;
  }
  await run(client, trace, { sql: 'COMMIT', params: [] });
  return true;
}

/** One run of the transaction, and the SQLSTATE PostgreSQL failed it with (null: it did not, or not PostgreSQL). */
type Attempt = ExecuteOutput & { readonly sqlstate: string | null };

function finish(
  trace: readonly TracedStatement[],
  committed: boolean,
  started: number,
  result: Result<ResultSet>,
  sqlstate: string | null = null,
): Attempt {
  return { result, trace, committed, ms: performance.now() - started, sqlstate };
}

/**
 * Runs the request as PostgREST does: one transaction on one client — BEGIN (isolation, READ ONLY/WRITE),
 * the set_config round (role included), the pre-request function, the main statement, PostgREST's checks,
 * then COMMIT or ROLLBACK. Never throws: every failure is an `err` PgrstError.
 */
export async function executeStatement(input: ExecuteInput): Promise<ExecuteOutput> {
  const started = performance.now();
  const trace: TracedStatement[] = [];
  for (let attempt = 0; ; attempt++) {
    const a = await executeOnce(input);
    trace.push(...a.trace);
    const again =
      a.sqlstate !== null && (input.retryOn ?? []).includes(a.sqlstate) && attempt < MAX_TRANSACTION_RETRIES;
    if (!again) return { result: a.result, trace, committed: a.committed, ms: performance.now() - started };
  }
}

async function executeOnce(input: ExecuteInput): Promise<Attempt> {
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
    const prep = input.prepared ?? false;
    const pre = preRequestStatement(session);
    // A plain read that commits: no post-check applies and no count estimate runs in between, so COMMIT can go
    // with the main statement. Should anything before it fail, the server turns that COMMIT into a rollback,
    // which is what PostgREST's ROLLBACK would do.
    const commitsWithMain =
      !st.explain &&
      input.end === 'commit' &&
      st.kind === 'read' &&
      !st.singular &&
      !((st.count === 'planned' || st.count === 'estimated') && st.countSql !== null);
    // BEGIN, the set_config round, the pre-request call and the main statement (with COMMIT for a plain read)
    // are PostgREST's statements in PostgREST's order; none needs an answer before the next one can be sent, and a
    // failure aborts the transaction, so the server ignores what follows. So they go out in one write and come
    // back in one round trip; the first failure is the request's error, exactly as if they had been awaited one
    // by one.
    const batch: Sent[] = [
      { statement: { sql: beginStatement(session), params: [] } },
      { statement: settingsStatement(session), prepare: prep },
      ...(pre ? [{ statement: pre, prepare: prep }] : []),
      {
        statement: { sql: st.sql, params: st.params },
        prepare: prep,
        ...(st.explain ? { types: RAW_TEXT } : {}),
      },
      ...(commitsWithMain ? [{ statement: { sql: 'COMMIT', params: [] } }] : []),
    ];
    inTx = true;
    const answers = await sendTogether(client, trace, batch);
    if (commitsWithMain) inTx = false;
    const failed0 = answers.find((a) => a.status === 'rejected');
    if (failed0) throw failed0.reason;
    const main = (answers[batch.length - (commitsWithMain ? 2 : 1)] as PromiseFulfilledResult<QueryResult>)
      .value;
    if (commitsWithMain) {
      const commit = (answers[batch.length - 1] as PromiseFulfilledResult<QueryResult>).value;
      committed = commit.command === 'COMMIT';
      return finish(trace, committed, started, ok(decodeResultSet(main.rows[0], false)));
    }
    if (st.explain) {
      // The plan as PostgreSQL prints it, every row a line (MainTx.hs planRow: BS.unlines); no checks follow.
      const body = main.rows.map((r) => `${String(Object.values(r)[0] ?? '')}\n`).join('');
      committed = await end(client, trace, input.end);
      inTx = false;
      return finish(trace, committed, started, ok({ ...decodeResultSet(undefined, false), body }));
    }
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
      // MainTx.hs compares Maybe values: `Just total > Nothing` holds, so with db-max-rows unset the estimate
      // always competes; the larger wins (and a failed estimate makes the total unknown, as `max <$> … <*> …`).
      const exceeds = rs.tableTotal !== null && (input.maxRows === null || rs.tableTotal > input.maxRows);
      const total =
        st.count === 'planned'
          ? estimate
          : exceeds
            ? estimate === null
              ? null
              : Math.max(rs.tableTotal ?? 0, estimate)
            : rs.tableTotal;
      rs = { ...rs, tableTotal: total };
    }
    // Deferred constraints still get checked, so a rolled-back request fails where a committed one would.
    committed = await end(client, trace, input.end);
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
    return finish(
      trace,
      committed,
      started,
      err(toPgrst(e, input.authenticated)),
      isDbError(e) ? e.code : null,
    );
  } finally {
    client?.release();
  }
}
