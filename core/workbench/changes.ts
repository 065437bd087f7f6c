import type { ScriptStatement } from './split.js';

/** Parse nodes that read or set session state but change neither data nor schema. */
const NOT_DDL = new Set([
  'SelectStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'ExplainStmt',
  'VariableSetStmt',
  'VariableShowStmt',
  'CopyStmt',
  'TransactionStmt',
  'LockStmt',
  'NotifyStmt',
  'ListenStmt',
  'UnlistenStmt',
  'PrepareStmt',
  'ExecuteStmt',
  'DeallocateStmt',
  'DeclareCursorStmt',
  'FetchStmt',
  'ClosePortalStmt',
  'CheckPointStmt',
  'DiscardStmt',
  'TruncateStmt',
  'VacuumStmt',
  'RefreshMatViewStmt',
  'ConstraintsSetStmt',
  'LoadStmt',
]);

/** Command tags that change data. */
const DML = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'TRUNCATE', 'COPY', 'REFRESH']);
/** Command tags of schema changes, for scripts the parser could not read. */
const DDL_TAGS = new Set(['CREATE', 'ALTER', 'DROP', 'GRANT', 'REVOKE', 'COMMENT', 'SECURITY', 'REASSIGN']);
/** Bodies we cannot see into: when they wrote anything, the model may have changed too. */
const OPAQUE = new Set(['DoStmt', 'CallStmt']);

/** What one statement did, for the banner: `UPDATE 3`, `CREATE TABLE api.t (…)`, or null for a read. */
export function describeChange(
  statement: Pick<ScriptStatement, 'kind' | 'sql'>,
  command: string | null,
  rowCount: number | null,
): string | null {
  const tag = (command ?? '').toUpperCase();
  if (DML.has(tag)) return rowCount === null ? tag : `${tag} ${rowCount}`;
  if (isDdl(statement, command) || OPAQUE.has(statement.kind ?? '')) {
    const firstLine = statement.sql.split('\n', 1)[0]!.trim();
    return firstLine.length > 120 ? `${firstLine.slice(0, 117)}…` : firstLine;
  }
  return null;
}

/** Whether a statement changes the schema (the model must be read again once committed). */
export function isDdl(statement: Pick<ScriptStatement, 'kind'>, command: string | null): boolean {
  if (statement.kind !== null) return !NOT_DDL.has(statement.kind) && !OPAQUE.has(statement.kind);
  return DDL_TAGS.has((command ?? '').toUpperCase());
}

/** DO and CALL bodies may run DDL: when such a script wrote, refresh the model to be safe. */
export function mayChangeSchema(statement: Pick<ScriptStatement, 'kind'>, command: string | null): boolean {
  return isDdl(statement, command) || OPAQUE.has(statement.kind ?? '');
}

/** Statements PostgreSQL refuses inside a transaction block: run alone, outside one. */
const NO_TRANSACTION = new Set([
  'VacuumStmt',
  'CreatedbStmt',
  'DropdbStmt',
  'AlterSystemStmt',
  'CreateTableSpaceStmt',
  'DropTableSpaceStmt',
  'CreateSubscriptionStmt',
  'DropSubscriptionStmt',
]);

export function needsOwnTransaction(statement: Pick<ScriptStatement, 'kind' | 'sql'>): boolean {
  if (statement.kind === null) return false;
  if (NO_TRANSACTION.has(statement.kind)) return true;
  // CREATE INDEX / REINDEX / DROP INDEX CONCURRENTLY
  return (
    ['IndexStmt', 'ReindexStmt', 'DropStmt'].includes(statement.kind) &&
    /\bconcurrently\b/i.test(statement.sql)
  );
}

/** BEGIN, COMMIT, ROLLBACK… would take the transaction out of the workbench's hands; savepoints are fine. */
export function isTransactionControl(statement: Pick<ScriptStatement, 'transactionKind'>): boolean {
  const k = statement.transactionKind;
  return k !== null && !['TRANS_STMT_SAVEPOINT', 'TRANS_STMT_RELEASE', 'TRANS_STMT_ROLLBACK_TO'].includes(k);
}
