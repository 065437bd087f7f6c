import type pg from 'pg';
import type { DataChange, DataShape } from '../../shared/contract/workbench.js';
import { GatehouseError } from '../../shared/errors.js';
import { sqlFile } from '../db/sql-files.js';
import {
  compileAll,
  compileChanges,
  compileCount,
  compilePage,
  readOnlyReason,
  type Filter,
  type RelationName,
  type Sort,
  type Statement,
} from './data-sql.js';
import { toCsv, toJson } from './export.js';

/** Rows an export carries at most (it travels as one text over the studio's transport). */
export const EXPORT_LIMIT = 200_000;

const KINDS: Record<string, DataShape['kind']> = {
  r: 'table',
  v: 'view',
  m: 'materialized_view',
  p: 'partitioned_table',
  f: 'foreign_table',
};

interface ShapeRow {
  relkind: string;
  name: string | null;
  type: string | null;
  not_null: boolean | null;
  has_default: boolean | null;
  generated: boolean | null;
  primary_key: string[];
}

/** The relation's columns and key from the catalog, or a clear error when it is not there (or not visible). */
export async function readShape(client: pg.ClientBase, relation: RelationName): Promise<DataShape> {
  const r = await client.query<ShapeRow>(sqlFile('workbench/relation-shape.sql'), [
    relation.schema,
    relation.name,
  ]);
  const first = r.rows[0];
  if (!first)
    throw new GatehouseError('GH702', `There is no table or view ${relation.schema}.${relation.name}.`, {
      hint: 'It may have been dropped or renamed: refresh the model and pick it again.',
    });
  const kind = KINDS[first.relkind] ?? 'table';
  const primaryKey = kind === 'table' || kind === 'partitioned_table' ? first.primary_key : [];
  return {
    kind,
    columns: r.rows
      .filter((c) => c.name !== null)
      .map((c) => ({
        name: c.name!,
        type: c.type ?? 'unknown',
        notNull: c.not_null === true,
        hasDefault: c.has_default === true,
        generated: c.generated === true,
      })),
    primaryKey,
    readOnly: readOnlyReason({ kind, primaryKey }),
  };
}

/** A query the data view built failed on the server (a filter value of the wrong type, a permission…). */
function refused(error: unknown, statement: Statement): GatehouseError {
  if (error instanceof GatehouseError) return error;
  const e = error as { message?: string; detail?: string; hint?: string };
  return new GatehouseError('GH708', e.message ?? String(error), {
    details: [e.detail, `SQL: ${statement.sql}`].filter(Boolean).join('\n'),
    hint: e.hint ?? 'Check the filter values against the column types.',
    cause: error,
  });
}

async function run(
  client: pg.ClientBase,
  statement: Statement,
): Promise<pg.QueryArrayResult<(string | null)[]>> {
  try {
    return (await client.query({
      text: statement.sql,
      values: statement.params,
      rowMode: 'array',
      types: { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig,
    })) as unknown as pg.QueryArrayResult<(string | null)[]>;
  } catch (error) {
    throw refused(error, statement);
  }
}

export interface DataQueryInput {
  readonly relation: RelationName;
  readonly filters: readonly Filter[];
  readonly sort: readonly Sort[];
}

export async function readPage(
  client: pg.ClientBase,
  input: DataQueryInput & { offset: number; limit: number; after?: readonly string[] | undefined },
) {
  const started = performance.now();
  const shape = await readShape(client, input.relation);
  const statement = compilePage(shape, input.relation, input);
  const r = await run(client, statement);
  return {
    columns: shape.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: r.rows,
    sql: statement,
    ms: performance.now() - started,
  };
}

export async function countRows(client: pg.ClientBase, input: DataQueryInput & { limit: number }) {
  const started = performance.now();
  const shape = await readShape(client, input.relation);
  const r = await run(client, compileCount(shape, input.relation, input.filters, input.limit));
  const n = Number(r.rows[0]?.[0] ?? 0);
  return { count: Math.min(n, input.limit), capped: n > input.limit, ms: performance.now() - started };
}

export async function exportRows(client: pg.ClientBase, input: DataQueryInput & { format: 'csv' | 'json' }) {
  const shape = await readShape(client, input.relation);
  const r = await run(client, compileAll(shape, input.relation, { ...input, limit: EXPORT_LIMIT + 1 }));
  const truncated = r.rows.length > EXPORT_LIMIT;
  const rows = truncated ? r.rows.slice(0, EXPORT_LIMIT) : r.rows;
  const columns = shape.columns.map((c) => c.name);
  return {
    text: input.format === 'csv' ? toCsv(columns, rows) : toJson(columns, rows),
    rows: rows.length,
    truncated,
  };
}

export async function previewChanges(
  client: pg.ClientBase,
  relation: RelationName,
  changes: readonly DataChange[],
) {
  return { statements: compileChanges(await readShape(client, relation), relation, changes) };
}

/**
 * Applies a pending change in one transaction. Every update and delete must hit exactly one row (by primary
 * key): a row that another session changed or deleted meanwhile rolls the whole change back.
 */
export async function applyChanges(
  client: pg.ClientBase,
  relation: RelationName,
  changes: readonly DataChange[],
) {
  const started = performance.now();
  const shape = await readShape(client, relation);
  const statements = compileChanges(shape, relation, changes);
  const rowCounts: number[] = [];
  await client.query('BEGIN');
  try {
    for (const [i, statement] of statements.entries()) {
      let r: pg.QueryResult;
      try {
        r = await client.query(statement.sql, statement.params);
      } catch (error) {
        const e = error as { message?: string; detail?: string; hint?: string };
        throw new GatehouseError('GH703', `Change ${i + 1} failed: ${e.message ?? String(error)}`, {
          details: [e.detail, `SQL: ${statement.sql}`].filter(Boolean).join('\n'),
          hint: e.hint ?? 'Nothing was changed: fix the value and apply again.',
          cause: error,
        });
      }
      const count = r.rowCount ?? 0;
      if (changes[i]!.kind !== 'insert' && count !== 1)
        throw new GatehouseError(
          'GH703',
          `Change ${i + 1} (${changes[i]!.kind}) matched ${count} rows instead of one.`,
          {
            hint: 'The row was changed or deleted meanwhile (or is hidden from you): reload and try again. Nothing was changed.',
          },
        );
      rowCounts.push(count);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return { statements, rowCounts, ms: performance.now() - started };
}
