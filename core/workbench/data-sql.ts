import type { DataChange, DataShape, FilterOp } from '../../shared/contract/workbench.js';
import { GatehouseError } from '../../shared/errors.js';
// A name from the user (filter column, edited column) is always quoted, never left bare.
import { quoteIdentAlways as quoteIdent } from '../../shared/sql/quote-ident.js';

/** A statement with positional parameters: values never enter the SQL text. */
export interface Statement {
  readonly sql: string;
  readonly params: (string | null)[];
}

export interface RelationName {
  readonly schema: string;
  readonly name: string;
}

export interface Filter {
  readonly column: string;
  readonly op: FilterOp;
  readonly value: string | null;
}

export interface Sort {
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

export const qualified = (r: RelationName): string => `${quoteIdent(r.schema)}.${quoteIdent(r.name)}`;

/** A column named by the user must be a column of the relation; anything else is refused, never quoted in. */
function column(shape: DataShape, relation: RelationName, name: string): string {
  if (!shape.columns.some((c) => c.name === name))
    throw new GatehouseError('GH702', `"${name}" is not a column of ${relation.schema}.${relation.name}.`, {
      hint: 'Pick a column from the grid header; refresh the model if the table changed.',
    });
  return quoteIdent(name);
}

/** LIKE's wildcards in a value are matched literally. */
const likeLiteral = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

const COMPARE: Partial<Record<FilterOp, string>> = {
  eq: '=',
  neq: '<>',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};

/** Filters as a WHERE clause; every value becomes `$n` (the server casts the text to the column's type). */
export function compileWhere(
  shape: DataShape,
  relation: RelationName,
  filters: readonly Filter[],
  params: (string | null)[],
): string[] {
  const bind = (v: string | null) => {
    params.push(v);
    return `$${params.length}`;
  };
  return filters.map((f) => {
    const c = column(shape, relation, f.column);
    const op = COMPARE[f.op];
    if (op !== undefined) {
      if (f.value === null)
        return f.op === 'neq' ? `${c} IS NOT NULL` : f.op === 'eq' ? `${c} IS NULL` : 'false';
      return `${c} ${op} ${bind(f.value)}`;
    }
    switch (f.op) {
      case 'is_null':
        return `${c} IS NULL`;
      case 'not_null':
        return `${c} IS NOT NULL`;
      case 'contains':
        return `${c}::text ILIKE '%' || ${bind(likeLiteral(f.value ?? ''))} || '%'`;
      case 'starts':
        return `${c}::text ILIKE ${bind(likeLiteral(f.value ?? ''))} || '%'`;
      default:
        throw new GatehouseError('GH702', `Unknown filter operator "${String(f.op)}".`);
    }
  });
}

/**
 * The ORDER BY: the user's columns, then the primary key so pages never overlap or skip rows. PostgreSQL's
 * default NULLS placement (LAST for ASC, FIRST for DESC) is kept: it is what a plain b-tree index provides, so a
 * sort by the key or an indexed column reads the index instead of sorting the whole table.
 */
function orderBy(shape: DataShape, relation: RelationName, sort: readonly Sort[]): string[] {
  const keys = sort.map(
    (s) => `${column(shape, relation, s.column)} ${s.direction === 'desc' ? 'DESC' : 'ASC'}`,
  );
  for (const k of shape.primaryKey) if (!sort.some((s) => s.column === k)) keys.push(`${quoteIdent(k)} ASC`);
  return keys;
}

const whereText = (parts: readonly string[]) => (parts.length ? ` WHERE ${parts.join(' AND ')}` : '');

/** Keyset paging works when the rows are in primary key order: the next page starts after the last key. */
export function canSeek(shape: DataShape, sort: readonly Sort[]): boolean {
  return (
    shape.primaryKey.length > 0 &&
    (sort.length === 0 ||
      (sort.length <= shape.primaryKey.length &&
        sort.every((s, i) => s.column === shape.primaryKey[i] && s.direction === 'asc')))
  );
}

/**
 * One page: `after` (the last primary key of the previous page) seeks with a row comparison on the key's index;
 * otherwise OFFSET, which any scroll position can jump to.
 */
export function compilePage(
  shape: DataShape,
  relation: RelationName,
  query: {
    filters: readonly Filter[];
    sort: readonly Sort[];
    offset: number;
    limit: number;
    after?: readonly string[] | undefined;
  },
): Statement {
  const params: (string | null)[] = [];
  const where = compileWhere(shape, relation, query.filters, params);
  const seek = query.after !== undefined && canSeek(shape, query.sort);
  if (seek) {
    if (query.after!.length !== shape.primaryKey.length)
      throw new GatehouseError('GH702', 'The page key does not match the primary key.', {
        hint: `Pass one value per key column (${shape.primaryKey.join(', ')}).`,
      });
    const cols = shape.primaryKey.map(quoteIdent).join(', ');
    const values = query.after!.map((v) => {
      params.push(v);
      return `$${params.length}`;
    });
    where.push(`(${cols}) > (${values.join(', ')})`);
  }
  const order = orderBy(shape, relation, query.sort);
  const cols = shape.columns.map((c) => quoteIdent(c.name)).join(', ');
  params.push(String(query.limit));
  let sql = `SELECT ${cols || '*'} FROM ${qualified(relation)}${whereText(where)}`;
  if (order.length) sql += ` ORDER BY ${order.join(', ')}`;
  sql += ` LIMIT $${params.length}`;
  if (!seek && query.offset > 0) {
    params.push(String(query.offset));
    sql += ` OFFSET $${params.length}`;
  }
  return { sql, params };
}

/** The matching rows counted up to `limit` (+1 to tell "exactly" from "at least"). */
export function compileCount(
  shape: DataShape,
  relation: RelationName,
  filters: readonly Filter[],
  limit: number,
): Statement {
  const params: (string | null)[] = [];
  const where = compileWhere(shape, relation, filters, params);
  params.push(String(limit + 1));
  return {
    sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${qualified(relation)}${whereText(where)} LIMIT $${params.length}) AS capped`,
    params,
  };
}

/** Every matching row in page order, for an export. */
export function compileAll(
  shape: DataShape,
  relation: RelationName,
  query: { filters: readonly Filter[]; sort: readonly Sort[]; limit: number },
): Statement {
  return compilePage(shape, relation, { ...query, offset: 0 });
}

function keyWhere(
  shape: DataShape,
  relation: RelationName,
  key: Readonly<Record<string, string | null>>,
  params: (string | null)[],
): string {
  const names = Object.keys(key).sort();
  const pk = [...shape.primaryKey].sort();
  if (names.length !== pk.length || names.some((n, i) => n !== pk[i]))
    throw new GatehouseError(
      'GH702',
      `A row is identified by its primary key (${shape.primaryKey.join(', ')}).`,
      {
        hint: 'Reload the data view: the key of an edited row is missing or has other columns.',
      },
    );
  return shape.primaryKey
    .map((k) => {
      const v = key[k] ?? null;
      if (v === null) throw new GatehouseError('GH702', `The primary key column "${k}" cannot be null.`);
      params.push(v);
      return `${quoteIdent(k)} = $${params.length}`;
    })
    .join(' AND ');
}

/** Why a relation cannot be edited here, or null when it can (a table with a primary key). */
export function readOnlyReason(shape: Pick<DataShape, 'kind' | 'primaryKey'>): string | null {
  if (shape.kind === 'view' || shape.kind === 'materialized_view')
    return `A ${shape.kind === 'view' ? 'view' : 'materialized view'} has no primary key to edit rows by: edit its base table.`;
  if (shape.kind === 'foreign_table') return 'A foreign table has no primary key to edit rows by.';
  if (shape.primaryKey.length === 0)
    return 'This table has no primary key, so a row cannot be pointed at safely: add one to edit rows here.';
  return null;
}

function editable(shape: DataShape, relation: RelationName, name: string): string {
  const c = column(shape, relation, name);
  if (shape.columns.find((x) => x.name === name)!.generated)
    throw new GatehouseError('GH706', `"${name}" is computed by PostgreSQL (generated or identity ALWAYS).`, {
      hint: 'Leave it out of the change: PostgreSQL fills it in.',
    });
  return c;
}

/** A pending change as statements by primary key, in the order the user made it. */
export function compileChanges(
  shape: DataShape,
  relation: RelationName,
  changes: readonly DataChange[],
): Statement[] {
  const reason = readOnlyReason(shape);
  if (reason !== null) throw new GatehouseError('GH706', reason);
  const table = qualified(relation);
  return changes.map((change): Statement => {
    const params: (string | null)[] = [];
    switch (change.kind) {
      case 'update': {
        const entries = Object.entries(change.set);
        if (entries.length === 0)
          throw new GatehouseError('GH702', 'An update must set at least one column.');
        const set = entries.map(([k, v]) => {
          params.push(v);
          return `${editable(shape, relation, k)} = $${params.length}`;
        });
        return {
          sql: `UPDATE ${table} SET ${set.join(', ')} WHERE ${keyWhere(shape, relation, change.key, params)}`,
          params,
        };
      }
      case 'delete':
        return { sql: `DELETE FROM ${table} WHERE ${keyWhere(shape, relation, change.key, params)}`, params };
      case 'insert': {
        const entries = Object.entries(change.values);
        if (entries.length === 0) return { sql: `INSERT INTO ${table} DEFAULT VALUES`, params };
        const cols = entries.map(([k]) => editable(shape, relation, k));
        const values = entries.map(([, v]) => {
          params.push(v);
          return `$${params.length}`;
        });
        return { sql: `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${values.join(', ')})`, params };
      }
    }
  });
}
