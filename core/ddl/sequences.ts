import { GatehouseError } from '../../shared/errors.js';
import type { ColumnRef, Sequence } from '../../shared/model/catalog.js';
import { typeName } from './expression.js';
import { quoteIdent, quoteLiteral, quoteQualified } from './quote.js';
import { refs, statement, type Statement } from './statement.js';
import type { Target } from './target.js';

export function sequenceTarget(schema: string, name: string): Target {
  return { word: 'SEQUENCE', name: quoteQualified(schema, name), object: refs.sequence(schema, name) };
}

function integer(value: string, what: string): string {
  if (!/^-?\d+$/.test(value))
    throw new GatehouseError('GH222', `A sequence's ${what} must be an integer.`, { details: value });
  return value;
}

export type SequenceOptions = Pick<Sequence, 'start' | 'increment' | 'min' | 'max' | 'cache' | 'cycle'> & {
  readonly dataType?: string;
};

/** `AS bigint INCREMENT BY 1 MINVALUE 1 …`: every option spelled out, so a replay never depends on defaults. */
export function sequenceOptions(s: SequenceOptions): string {
  return [
    ...(s.dataType !== undefined ? [`AS ${typeName(s.dataType)}`] : []),
    `START WITH ${integer(s.start, 'start')}`,
    `INCREMENT BY ${integer(s.increment, 'increment')}`,
    `MINVALUE ${integer(s.min, 'minimum')}`,
    `MAXVALUE ${integer(s.max, 'maximum')}`,
    `CACHE ${integer(s.cache, 'cache')}`,
    s.cycle ? 'CYCLE' : 'NO CYCLE',
  ].join(' ');
}

/** CREATE [UNLOGGED] SEQUENCE s.n AS type START WITH … (OWNED BY comes separately, once the column exists). */
export function createSequence(
  s: Pick<Sequence, 'schema' | 'name' | 'dataType' | 'unlogged'> & SequenceOptions,
): Statement {
  return statement(
    'create',
    refs.sequence(s.schema, s.name),
    `CREATE ${s.unlogged === true ? 'UNLOGGED ' : ''}SEQUENCE ${quoteQualified(s.schema, s.name)} ${sequenceOptions(s)}`,
  );
}

/** ALTER SEQUENCE s.n SET LOGGED | SET UNLOGGED (PostgreSQL 15+). */
export function setSequenceLogged(schema: string, name: string, logged: boolean): Statement {
  return statement(
    'alter',
    refs.sequence(schema, name),
    `ALTER SEQUENCE ${quoteQualified(schema, name)} ${logged ? 'SET LOGGED' : 'SET UNLOGGED'}`,
  );
}

/** ALTER SEQUENCE s.n with the given options (e.g. a new increment or RESTART WITH). */
export function alterSequence(
  schema: string,
  name: string,
  change: Partial<SequenceOptions> & { restart?: string },
): Statement {
  const parts: string[] = [];
  if (change.dataType !== undefined) parts.push(`AS ${typeName(change.dataType)}`);
  if (change.increment !== undefined) parts.push(`INCREMENT BY ${integer(change.increment, 'increment')}`);
  if (change.min !== undefined) parts.push(`MINVALUE ${integer(change.min, 'minimum')}`);
  if (change.max !== undefined) parts.push(`MAXVALUE ${integer(change.max, 'maximum')}`);
  if (change.start !== undefined) parts.push(`START WITH ${integer(change.start, 'start')}`);
  if (change.restart !== undefined) parts.push(`RESTART WITH ${integer(change.restart, 'restart')}`);
  if (change.cache !== undefined) parts.push(`CACHE ${integer(change.cache, 'cache')}`);
  if (change.cycle !== undefined) parts.push(change.cycle ? 'CYCLE' : 'NO CYCLE');
  if (parts.length === 0) throw new GatehouseError('GH222', 'ALTER SEQUENCE needs an option to change.');
  return statement(
    'alter',
    refs.sequence(schema, name),
    `ALTER SEQUENCE ${quoteQualified(schema, name)} ${parts.join(' ')}`,
  );
}

/** ALTER SEQUENCE s.n OWNED BY s.t.c (or NONE). */
export function sequenceOwnedBy(schema: string, name: string, column: ColumnRef | null): Statement {
  const owner =
    column === null ? 'NONE' : `${quoteQualified(column.schema, column.table)}.${quoteIdent(column.column)}`;
  return statement(
    'alter',
    refs.sequence(schema, name),
    `ALTER SEQUENCE ${quoteQualified(schema, name)} OWNED BY ${owner}`,
  );
}

/**
 * Moves a sequence's current value into [min, max] when it lies outside (a no-op otherwise): ALTER SEQUENCE
 * refuses bounds that exclude the current value. The range given must lie within the old bounds and the new.
 */
export function clampSequence(schema: string, name: string, min: string, max: string): Statement {
  const q = quoteQualified(schema, name);
  const lo = integer(min, 'minimum');
  const hi = integer(max, 'maximum');
  return statement(
    'alter',
    refs.sequence(schema, name),
    `SELECT pg_catalog.setval(${quoteLiteral(q)}::regclass, GREATEST(LEAST(last_value, ${hi}), ${lo}), is_called) FROM ${q} WHERE last_value NOT BETWEEN ${lo} AND ${hi}`,
  );
}
