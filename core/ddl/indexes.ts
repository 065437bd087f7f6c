import { GatehouseError } from '../../shared/errors.js';
import type { Index } from '../../shared/model/catalog.js';
import { parenthesisedExpression, singleStatement } from './expression.js';
import { quoteIdent, quoteQualified } from './quote.js';
import { refs, statement, type Statement } from './statement.js';
import { statisticsTargetSql } from './statistics.js';
import type { Target } from './target.js';

export function indexTarget(schema: string, table: string, name: string): Target {
  return {
    word: 'INDEX',
    name: quoteQualified(schema, name),
    object: refs.member('index', schema, table, name),
  };
}

/**
 * The index as pg_get_indexdef() wrote it (`CREATE [UNIQUE] INDEX name ON s.t USING … (…)`), optionally
 * CONCURRENTLY, which PostgreSQL refuses inside a transaction block: the statement says so.
 */
export function createIndexFromDefinition(
  schema: string,
  table: string,
  index: Pick<Index, 'name' | 'definition'>,
  options: { concurrently?: boolean; recurse?: boolean } = {},
): Statement {
  let sql = singleStatement(index.definition, 'IndexStmt', 'index definition');
  // A partitioned table's index reads `ON ONLY`; `recurse` drops it so the partitions' matching indexes attach.
  if (options.recurse === true)
    sql = sql.replace(/^(CREATE (UNIQUE )?INDEX ("(?:[^"]|"")*"|\S+) ON )ONLY /, '$1');
  if (options.concurrently === true)
    sql = sql.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX CONCURRENTLY ');
  return statement('create', refs.member('index', schema, table, index.name), sql, {
    transactional: options.concurrently !== true,
  });
}

export interface IndexSpec {
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  /** Key columns (names) or expressions ({ expression }). */
  readonly keys: readonly (string | { readonly expression: string })[];
  readonly unique?: boolean;
  readonly method?: string;
  readonly include?: readonly string[];
  readonly where?: string;
  readonly concurrently?: boolean;
  readonly ifNotExists?: boolean;
}

/** CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON s.t USING m (keys) [INCLUDE (…)] [WHERE …]. */
export function createIndex(i: IndexSpec): Statement {
  if (i.keys.length === 0) throw new GatehouseError('GH222', 'An index needs at least one key.');
  const keys = i.keys.map((k) =>
    typeof k === 'string' ? quoteIdent(k) : parenthesisedExpression(k.expression, 'index expression'),
  );
  const sql =
    `CREATE ${i.unique === true ? 'UNIQUE ' : ''}INDEX ${i.concurrently === true ? 'CONCURRENTLY ' : ''}` +
    `${i.ifNotExists === true ? 'IF NOT EXISTS ' : ''}${quoteIdent(i.name)} ON ${quoteQualified(i.schema, i.table)}` +
    ` USING ${quoteIdent(i.method ?? 'btree')} (${keys.join(', ')})` +
    (i.include !== undefined && i.include.length > 0
      ? ` INCLUDE (${i.include.map(quoteIdent).join(', ')})`
      : '') +
    (i.where !== undefined ? ` WHERE ${parenthesisedExpression(i.where, 'index predicate')}` : '');
  return statement('create', refs.member('index', i.schema, i.table, i.name), sql, {
    transactional: i.concurrently !== true,
  });
}

export function dropIndex(
  schema: string,
  table: string,
  name: string,
  options: { concurrently?: boolean; ifExists?: boolean; cascade?: boolean } = {},
): Statement {
  return statement(
    'drop',
    refs.member('index', schema, table, name),
    `DROP INDEX ${options.concurrently === true ? 'CONCURRENTLY ' : ''}${options.ifExists === true ? 'IF EXISTS ' : ''}` +
      `${quoteQualified(schema, name)}${options.cascade === true ? ' CASCADE' : ''}`,
    { transactional: options.concurrently !== true },
  );
}

/** ALTER INDEX s.i ALTER COLUMN n SET STATISTICS t, n the column's number. */
export function setIndexColumnStatistics(
  schema: string,
  table: string,
  index: string,
  column: number,
  target: number | null,
): Statement {
  if (!Number.isInteger(column) || column < 1)
    throw new GatehouseError('GH222', 'An index column statistics target needs a column number.', {
      details: String(column),
    });
  return statement(
    'alter',
    refs.member('index', schema, table, index),
    `ALTER INDEX ${quoteQualified(schema, index)} ALTER COLUMN ${column} ${statisticsTargetSql(target)}`,
  );
}

/** The statistics targets an index created from its definition needs to match the model. */
export function indexStatisticsStatements(schema: string, table: string, index: Index): Statement[] {
  return (index.statistics ?? []).map((s) =>
    setIndexColumnStatistics(schema, table, index.name, s.column, s.target),
  );
}
