import type pg from 'pg';
import type {
  AppliedStatement,
  ApplyOutcome,
  ApplyResult,
  ChangeOrigin,
  StatementError,
  StatementPhase,
} from '../../shared/contract/changeset.js';
import { isConnectionLoss } from '../db/pg-errors.js';
import { sqlFile } from '../db/sql-files.js';
import { codePointToUtf16, lineColumn } from './text-offsets.js';
import { plural } from '../../shared/text/plural.js';

/** Defaults: a DDL set should wait briefly for locks (never queue behind traffic for long) and not run away. */
export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;

export interface ApplyStatementInput {
  readonly id: string;
  readonly sql: string;
  readonly origin: ChangeOrigin;
  readonly phase: StatementPhase;
}

export interface ApplyOptions {
  readonly lockTimeoutMs: number;
  readonly statementTimeoutMs: number;
  /** The user agreed to run the statements that cannot run in a transaction, after it. */
  readonly confirmNonTransactional: boolean;
}

export type ApplyRun = Omit<ApplyResult, 'historyId'>;

interface PgErrorFields {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly detail?: unknown;
  readonly hint?: unknown;
  readonly position?: unknown;
  readonly where?: unknown;
  readonly internalQuery?: unknown;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * PostgreSQL's error for one statement. Its `position` counts characters (1-based) in the text that was sent,
 * which is the statement alone: line and column are the statement's own.
 */
export function statementError(error: unknown, sql: string): StatementError {
  const e = (
    typeof error === 'object' && error !== null ? error : { message: String(error) }
  ) as PgErrorFields;
  const lost = isConnectionLoss(error);
  const raw = Number(str(e.position));
  const position = Number.isInteger(raw) && raw > 0 ? raw : null;
  const at = position === null ? null : lineColumn(sql, codePointToUtf16(sql, position - 1));
  const code = str(e.code);
  return {
    sqlstate: code !== null && /^[0-9A-Z]{5}$/.test(code) ? code : null,
    message: str(e.message) ?? String(error),
    detail: str(e.detail),
    hint: str(e.hint),
    position,
    line: at?.line ?? null,
    column: at?.column ?? null,
    where: str(e.where),
    internalQuery: str(e.internalQuery),
    connectionLost: lost,
  };
}

/** PostgreSQL takes timeouts as text; milliseconds are explicit so no unit is guessed. */
const ms = (n: number) => `${n}ms`;

const elapsed = (t0: number) => Math.round((performance.now() - t0) * 100) / 100;

/**
 * Runs a change set on one session. The transactional statements run one at a time inside a single
 * transaction with SET LOCAL lock_timeout and statement_timeout — one at a time so PostgreSQL's error position
 * is relative to the failing statement — and the first failure rolls everything back. Then, only when
 * confirmed, the statements that cannot run in a transaction run one by one, in order, stopping at the first
 * failure. Nothing is ever retried: a lost session means the server rolled the transaction back (or, during
 * COMMIT, that the outcome is unknown).
 */
export async function runChangeSet(
  client: pg.ClientBase,
  statements: readonly ApplyStatementInput[],
  options: ApplyOptions,
): Promise<ApplyRun> {
  const t0 = performance.now();
  const rows: AppliedStatement[] = statements.map((s, index) => ({
    index,
    id: s.id,
    sql: s.sql,
    origin: s.origin,
    phase: s.phase,
    status: 'not-run',
    ms: null,
  }));
  const inTx = rows.filter((r) => r.phase === 'transaction');
  const after = rows.filter((r) => r.phase === 'after');
  const done = (outcome: ApplyOutcome, summary: string, failure: ApplyRun['failure'] = null): ApplyRun => ({
    outcome,
    summary,
    statements: [...inTx, ...after].map((r) => ({ ...r })),
    failure,
    ms: elapsed(t0),
  });
  const failureOf = (row: AppliedStatement | null, error: unknown) => ({
    index: row?.index ?? null,
    id: row?.id ?? null,
    origin: row?.origin ?? null,
    error: statementError(error, row?.sql ?? ''),
  });

  if (after.length > 0 && !options.confirmNonTransactional) {
    const list = after.map((r) => r.index + 1).join(', ');
    return done(
      'needs-confirmation',
      `Nothing ran: statement${after.length > 1 ? 's' : ''} ${list} cannot run inside a transaction; confirm to run ${after.length > 1 ? 'them' : 'it'} after the transaction.`,
    );
  }

  if (inTx.length > 0) {
    let current: AppliedStatement | null = null;
    try {
      await client.query('BEGIN');
      await client.query(sqlFile('changeset/local-timeouts.sql'), [
        ms(options.lockTimeoutMs),
        ms(options.statementTimeoutMs),
      ]);
      for (const row of inTx) {
        current = row;
        const started = performance.now();
        await client.query(row.sql);
        row.ms = elapsed(started);
        row.status = 'applied';
      }
      current = null;
    } catch (error) {
      if (current) current.status = 'failed';
      // A dead session has rolled back on the server already; the ROLLBACK here is for a live one.
      await client.query('ROLLBACK').catch(() => undefined);
      for (const r of inTx) if (r.status === 'applied') r.status = 'rolled-back';
      const f = failureOf(current, error);
      const where = current ? `statement ${current.index + 1}` : 'the start of the transaction';
      return done(
        'failed',
        f.error.connectionLost
          ? `The connection was lost at ${where}; the server rolled the transaction back, nothing was applied.`
          : `Statement ${current ? current.index + 1 : '?'} failed: ${f.error.message}. Rolled back, nothing was applied.`,
        f,
      );
    }
    try {
      await client.query('COMMIT');
    } catch (error) {
      const lost = isConnectionLoss(error);
      if (!lost) for (const r of inTx) r.status = 'rolled-back';
      else for (const r of inTx) r.status = 'not-run';
      const f = failureOf(null, error);
      return lost
        ? done(
            'unknown',
            'The connection was lost during COMMIT: the change set may or may not have been applied. Check the database before applying again.',
            f,
          )
        : done('failed', `COMMIT failed: ${f.error.message}. Rolled back, nothing was applied.`, f);
    }
  }

  if (after.length > 0) {
    const committed = inTx.length;
    let timeoutsSet = false;
    let current: AppliedStatement | null = null;
    try {
      await client.query(sqlFile('changeset/session-timeouts.sql'), [
        ms(options.lockTimeoutMs),
        ms(options.statementTimeoutMs),
      ]);
      timeoutsSet = true;
      for (const row of after) {
        current = row;
        const started = performance.now();
        await client.query(row.sql);
        row.ms = elapsed(started);
        row.status = 'applied';
      }
      current = null;
    } catch (error) {
      if (current) current.status = 'failed';
      const f = failureOf(current, error);
      const ran = after.filter((r) => r.status === 'applied').length;
      const anything = committed + ran > 0;
      const what = current
        ? `Statement ${current.index + 1}`
        : 'Preparing the statements after the transaction';
      return done(
        anything ? 'partial' : 'failed',
        `${what} failed: ${f.error.message}. ${
          anything
            ? `Applied: ${committed > 0 ? `the transaction (${committed} statement${committed > 1 ? 's' : ''})` : ''}${committed > 0 && ran > 0 ? ' and ' : ''}${ran > 0 ? `${ran} statement${ran > 1 ? 's' : ''} after it` : ''}; the rest did not run.`
            : 'Nothing was applied.'
        }`,
        f,
      );
    } finally {
      if (timeoutsSet) await client.query(sqlFile('changeset/reset-timeouts.sql')).catch(() => undefined);
    }
  }

  const n = rows.length;
  return done(
    'applied',
    `Applied ${n} ${plural(n, 'statement')}${
      after.length > 0
        ? ` (${inTx.length} in one transaction, ${after.length} after it)`
        : n > 0
          ? ' in one transaction'
          : ''
    }.`,
  );
}

/**
 * Runs a set's transactional statements inside the caller's open transaction, which the caller rolls back — so a
 * preview (the RLS matrix probing a pending policy, issue 12) sees the database as it would be after apply. Stops
 * at the first failure and names it; the statements that must run after a transaction are left out (listed).
 */
export async function replayInTransaction(
  client: pg.ClientBase,
  statements: readonly ApplyStatementInput[],
): Promise<{
  readonly failure: { index: number; id: string; error: StatementError } | null;
  readonly skipped: readonly string[];
}> {
  for (const [index, s] of statements.entries()) {
    if (s.phase !== 'transaction') continue;
    try {
      await client.query(s.sql);
    } catch (error) {
      return { failure: { index, id: s.id, error: statementError(error, s.sql) }, skipped: [] };
    }
  }
  return { failure: null, skipped: statements.filter((s) => s.phase === 'after').map((s) => s.id) };
}
