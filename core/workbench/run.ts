import type pg from 'pg';
import type { SqlError, StatementResult, WorkbenchTransaction } from '../../shared/contract/workbench.js';
import { sqlFile } from '../db/sql-files.js';
import { describeChange, isTransactionControl, mayChangeSchema, needsOwnTransaction } from './changes.js';
import type { Session, WorkbenchSessions } from './sessions.js';
import { pickStatements, type ScriptStatement } from './split.js';

/** Rows kept per result set; more are counted but not sent (a grid of a million rows helps nobody). */
export const ROW_LIMIT = 100_000;
/** The savepoint each run sits in, so a failing run leaves the tab's earlier, still open work alone. */
const RUN_SAVEPOINT = 'gatehouse_workbench_run';

export interface RunInput {
  readonly text: string;
  readonly mode: 'cursor' | 'selection' | 'script';
  readonly cursor: number;
  readonly selection?: readonly [number, number] | undefined;
  readonly explain: 'plan' | 'analyze' | null;
}

export interface RunOutput {
  readonly statements: StatementResult[];
  readonly transaction: WorkbenchTransaction;
  /** DDL was committed by this run (a statement that runs outside a transaction): refresh the model now. */
  readonly schemaCommitted: boolean;
}

interface PgErrorLike {
  message?: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
}

/** PostgreSQL's error, its 1-based position in the statement sent made an offset into the editor's text. */
export function sqlError(error: unknown, statement: ScriptStatement | null, prefix = 0): SqlError {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as PgErrorLike;
  const position = e.position === undefined ? NaN : Number(e.position) - 1 - prefix;
  return {
    message: e.message ?? String(error),
    code: e.code ?? null,
    detail: e.detail ?? null,
    hint: e.hint ?? null,
    offset:
      statement === null
        ? null
        : Number.isFinite(position) && position >= 0 && position <= statement.sql.length
          ? statement.start + position
          : statement.start,
  };
}

function explainPrefix(explain: RunInput['explain']): string {
  if (explain === null) return '';
  return explain === 'analyze' ? 'EXPLAIN (FORMAT JSON, ANALYZE, BUFFERS) ' : 'EXPLAIN (FORMAT JSON) ';
}

function emptyResult(s: ScriptStatement): StatementResult {
  return {
    offset: s.start,
    length: s.end - s.start,
    sql: s.sql,
    command: null,
    rowCount: null,
    columns: [],
    rows: [],
    truncated: false,
    ms: 0,
    notices: [],
    error: null,
    plan: null,
  };
}

/** `SELECT 3` and friends for the banner and the history. */
export function transactionMessage(t: Omit<WorkbenchTransaction, 'message'>): string {
  const what = t.changes.length === 0 ? 'nothing' : t.changes.join(', ');
  switch (t.state) {
    case 'open':
      return `Transaction open: ${what}. Nothing is saved until you Commit; Rollback undoes it.`;
    case 'committed':
      return t.changes.length === 0 ? 'Read only: nothing to commit.' : `Committed: ${what}.`;
    case 'rolled_back':
      return t.changes.length === 0 ? 'Rolled back.' : `Rolled back: ${what} undone.`;
    case 'lost':
      return `The connection was lost: PostgreSQL rolled the transaction back (${what} not saved).`;
  }
}

export function transaction(
  state: WorkbenchTransaction['state'],
  changes: readonly string[],
  schemaChanged: boolean,
): WorkbenchTransaction {
  const t = { state, changes: [...changes], schemaChanged };
  return { ...t, message: transactionMessage(t) };
}

/** Names of the result columns' types, cached per session. */
async function typeNames(session: Session, cache: Map<number, string>, oids: number[]): Promise<void> {
  const missing = [...new Set(oids)].filter((o) => !cache.has(o));
  if (missing.length === 0) return;
  const r = await session.client.query<{ oid: string; name: string }>(sqlFile('workbench/type-names.sql'), [
    missing,
  ]);
  for (const row of r.rows) cache.set(Number(row.oid), row.name);
}

const typeCaches = new WeakMap<Session, Map<number, string>>();

/**
 * Runs the picked statements of a tab in its transaction. A script that wrote nothing (no transaction id was
 * assigned) is committed at once; one that changed data or schema stays open until Commit or Rollback. A
 * failing statement stops the run and undoes it (back to the run's savepoint, so earlier open work stays).
 * BEGIN/COMMIT/ROLLBACK are refused: the banner's buttons do that. VACUUM, CREATE DATABASE, … (statements
 * PostgreSQL refuses in a transaction) run alone, outside one.
 */
export async function runScript(
  session: Session,
  sessions: WorkbenchSessions,
  input: RunInput,
): Promise<RunOutput> {
  const picked = pickStatements(input.text, input.mode, input.cursor, input.selection);
  const results = picked.map(emptyResult);
  const state = (): WorkbenchTransaction =>
    transaction(session.open ? 'open' : 'committed', session.changes, session.schemaChanged);
  if (picked.length === 0) return { statements: [], transaction: state(), schemaCommitted: false };

  const control = picked.findIndex(isTransactionControl);
  if (control >= 0) {
    results[control]!.error = {
      message: `${picked[control]!.sql.split(/\s/, 1)[0]!.toUpperCase()} is not run from the script: every run is already in a transaction.`,
      code: null,
      detail: null,
      hint: 'Use the Commit and Rollback buttons of the banner (savepoints are fine). Nothing was run.',
      offset: picked[control]!.start,
    };
    return { statements: results, transaction: state(), schemaCommitted: false };
  }

  const client = session.client;
  const prefix = explainPrefix(input.explain);
  const own = picked.length === 1 && needsOwnTransaction(picked[0]!) && input.explain === null;
  if (own && session.open) {
    results[0]!.error = {
      message: 'This statement cannot run inside a transaction, and this tab has one open.',
      code: '25001',
      detail: null,
      hint: 'Commit or roll back first, then run it again: it runs on its own, outside a transaction.',
      offset: picked[0]!.start,
    };
    return { statements: results, transaction: state(), schemaCommitted: false };
  }

  const wasOpen = session.open;
  const runChanges: string[] = [];
  let runSchema = false;
  let failed = false;
  try {
    if (!own) await client.query(wasOpen ? `SAVEPOINT ${RUN_SAVEPOINT}` : 'BEGIN');
    for (const [i, statement] of picked.entries()) {
      const out = results[i]!;
      session.notices = [];
      const started = performance.now();
      try {
        const r = (await client.query({
          text: prefix + statement.sql,
          rowMode: 'array',
        })) as unknown as pg.QueryArrayResult<(string | null)[]>;
        out.ms = performance.now() - started;
        out.command = r.command ?? null;
        out.rowCount = r.rowCount ?? null;
        out.columns = (r.fields ?? []).map((f) => ({ name: f.name, type: String(f.dataTypeID) }));
        out.truncated = r.rows.length > ROW_LIMIT;
        out.rows = out.truncated ? r.rows.slice(0, ROW_LIMIT) : r.rows;
        if (prefix !== '' && out.rows[0]?.[0]) out.plan = JSON.parse(out.rows[0][0]) as unknown;
        const change = describeChange(statement, out.command, out.rowCount);
        if (change !== null) runChanges.push(change);
        if (mayChangeSchema(statement, out.command)) runSchema = true;
      } catch (error) {
        out.ms = performance.now() - started;
        out.error = sqlError(error, statement, prefix.length);
        failed = true;
      } finally {
        out.notices = session.notices;
        session.notices = [];
      }
      if (failed) break;
    }

    if (own) {
      return {
        statements: results,
        transaction: transaction(failed ? 'rolled_back' : 'committed', failed ? [] : runChanges, runSchema),
        schemaCommitted: !failed && runSchema,
      };
    }
    if (failed) {
      await client.query(wasOpen ? `ROLLBACK TO SAVEPOINT ${RUN_SAVEPOINT}` : 'ROLLBACK');
      if (wasOpen) return { statements: results, transaction: state(), schemaCommitted: false };
      return {
        statements: results,
        transaction: transaction('rolled_back', runChanges, false),
        schemaCommitted: false,
      };
    }
    // A transaction id is assigned by the first write (rows, catalog, DDL): none means nothing to keep.
    // (the session parses nothing: booleans come back as PostgreSQL's text, 't' or 'f')
    const wrote =
      (await client.query<{ wrote: string }>(sqlFile('workbench/transaction-wrote.sql'))).rows[0]?.wrote ===
      't';
    if (!wasOpen && !wrote) {
      await client.query('COMMIT');
      // nothing was written (a DO that only raised notices, UPDATE 0): nothing to list either
      return {
        statements: await withTypes(session, results),
        transaction: transaction('committed', [], false),
        schemaCommitted: false,
      };
    }
    if (wasOpen) await client.query(`RELEASE SAVEPOINT ${RUN_SAVEPOINT}`);
    session.open = true;
    session.changes = [...session.changes, ...runChanges];
    session.schemaChanged ||= runSchema;
    return { statements: await withTypes(session, results), transaction: state(), schemaCommitted: false };
  } catch (error) {
    if (!sessions.lostBy(session, error)) throw error;
    // PostgreSQL rolls back the transaction of a session that ends: say so, and what was not saved.
    const lostChanges = [...session.changes, ...runChanges];
    session.open = false;
    const hint = 'PostgreSQL rolled the transaction back: nothing of it was saved. Run the script again.';
    const errored = results.find((r) => r.error !== null);
    const running = results.find((r) => r.command === null);
    if (errored) errored.error = { ...errored.error!, hint };
    else if (running)
      running.error = {
        message: 'The connection was lost while this statement ran.',
        code: (error as PgErrorLike).code ?? null,
        detail: (error as PgErrorLike).message ?? null,
        hint,
        offset: running.offset,
      };
    sessions.takeGone(session.connectionId, session.sessionId); // said here: not again on the next call
    return {
      statements: results,
      transaction: transaction('lost', lostChanges, false),
      schemaCommitted: false,
    };
  }
}

/** Replaces type OIDs with their names; a failure to look them up keeps the OIDs (the rows matter more). */
async function withTypes(session: Session, results: StatementResult[]): Promise<StatementResult[]> {
  let cache = typeCaches.get(session);
  if (!cache) typeCaches.set(session, (cache = new Map()));
  const oids = results.flatMap((r) => r.columns.map((c) => Number(c.type)));
  try {
    await typeNames(session, cache, oids);
  } catch {
    return results;
  }
  const names = cache;
  return results.map((r) => ({
    ...r,
    columns: r.columns.map((c) => ({ name: c.name, type: names.get(Number(c.type)) ?? c.type })),
  }));
}

/** Commit or roll back a tab's open transaction. */
export async function endTransaction(
  session: Session,
  sessions: WorkbenchSessions,
  how: 'COMMIT' | 'ROLLBACK',
): Promise<WorkbenchTransaction> {
  const changes = session.changes;
  const schemaChanged = session.schemaChanged;
  try {
    await session.client.query(how);
  } catch (error) {
    if (!sessions.lostBy(session, error)) throw error;
    session.open = false;
    return transaction('lost', changes, false);
  }
  session.open = false;
  session.changes = [];
  session.schemaChanged = false;
  return transaction(how === 'COMMIT' ? 'committed' : 'rolled_back', changes, schemaChanged);
}
