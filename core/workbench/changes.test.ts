import { describe, expect, it } from 'vitest';
import {
  describeChange,
  isDdl,
  isTransactionControl,
  mayChangeSchema,
  needsOwnTransaction,
} from './changes.js';

describe('what a statement did', () => {
  it('describes writes by tag and row count, DDL by its first line, reads as nothing', () => {
    expect(describeChange({ kind: 'UpdateStmt', sql: 'update t set a = 1' }, 'UPDATE', 3)).toBe('UPDATE 3');
    expect(describeChange({ kind: 'CreateStmt', sql: 'create table t (\n  a int\n)' }, 'CREATE', null)).toBe(
      'create table t (',
    );
    expect(describeChange({ kind: 'SelectStmt', sql: 'select 1' }, 'SELECT', 1)).toBeNull();
    expect(describeChange({ kind: null, sql: 'grant select on t to x' }, 'GRANT', null)).toBe(
      'grant select on t to x',
    );
  });
  it('knows DDL from reads, writes and opaque bodies', () => {
    expect(isDdl({ kind: 'AlterTableStmt' }, 'ALTER')).toBe(true);
    expect(isDdl({ kind: 'InsertStmt' }, 'INSERT')).toBe(false);
    expect(isDdl({ kind: 'DoStmt' }, 'DO')).toBe(false);
    expect(mayChangeSchema({ kind: 'DoStmt' }, 'DO')).toBe(true);
    expect(isDdl({ kind: null }, 'CREATE')).toBe(true);
  });
  it('runs VACUUM and CONCURRENTLY alone, refuses BEGIN/COMMIT, allows savepoints', () => {
    expect(needsOwnTransaction({ kind: 'VacuumStmt', sql: 'vacuum t' })).toBe(true);
    expect(needsOwnTransaction({ kind: 'IndexStmt', sql: 'create index concurrently i on t (a)' })).toBe(
      true,
    );
    expect(needsOwnTransaction({ kind: 'IndexStmt', sql: 'create index i on t (a)' })).toBe(false);
    expect(isTransactionControl({ transactionKind: 'TRANS_STMT_COMMIT' })).toBe(true);
    expect(isTransactionControl({ transactionKind: 'TRANS_STMT_SAVEPOINT' })).toBe(false);
    expect(isTransactionControl({ transactionKind: null })).toBe(false);
  });
});
