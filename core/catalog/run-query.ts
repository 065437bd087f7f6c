import type pg from 'pg';
import type { z } from 'zod';
import { GatehouseError } from '../../shared/errors.js';
import { sqlFile } from '../db/sql-files.js';
import { catalogTypes } from './array-text.js';
import { compileRowCheck, type RowCheck } from './row-check.js';
import { rowObjects } from './row-objects.js';

/** SQLSTATE class 08 and 57P*: the session itself went away, which is not the query's fault. */
function isSessionLoss(code: string | undefined, message: string): boolean {
  return (
    (code !== undefined && (code.startsWith('08') || code.startsWith('57P'))) ||
    /Connection terminated|connection is closed|not queryable|ECONNRESET/i.test(message)
  );
}

/** Maps a failed catalog query to GH200 (missing privilege), GH105 (session lost) or GH202 (anything else). */
export function catalogQueryError(file: string, error: unknown): GatehouseError {
  if (error instanceof GatehouseError) return error;
  const code =
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
      ? (error as { code: string }).code
      : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (code === '42501') {
    return new GatehouseError('GH200', `The catalog query ${file} was refused: ${message}.`, {
      details: `sql/catalog/${file} needs SELECT on the PostgreSQL catalog table or view named above.`,
      hint: 'Connect as a role that can read the system catalogs (they are readable by PUBLIC unless revoked), or have an administrator run GRANT SELECT ON pg_catalog.<that table> TO <your role>.',
      cause: error,
    });
  }
  if (isSessionLoss(code, message)) {
    return new GatehouseError('GH105', `The connection was lost while running the catalog query ${file}.`, {
      details: message,
      hint: 'The server closed the session (restart, pg_terminate_backend, network). Try again.',
      cause: error,
    });
  }
  return new GatehouseError('GH202', `The catalog query ${file} failed: ${message}`, {
    details: code ? `SQLSTATE ${code}` : null,
    hint: 'This PostgreSQL server answered unexpectedly; please report it with the server version.',
    cause: error,
  });
}

const checks = new WeakMap<z.ZodType, RowCheck | null>();

/** Sends sql/catalog/<file> with the given parameters; failures become our errors (GH200/GH105/GH202). */
export async function sendCatalogQuery(
  client: pg.ClientBase,
  file: string,
  values: readonly unknown[] = [],
): Promise<pg.QueryResult> {
  let result: pg.QueryResult<unknown[]>;
  try {
    result = await client.query<unknown[]>({
      text: sqlFile(`catalog/${file}`),
      values: [...values],
      types: catalogTypes(client),
      rowMode: 'array',
    });
  } catch (error) {
    throw catalogQueryError(file, error);
  }
  const rows = rowObjects(result.fields.map((f) => f.name))(result.rows);
  return { ...result, rows };
}

/** Validates every row of a catalog query against its schema (compiled check first, zod to explain). */
export function checkCatalogRows<T extends z.ZodType>(
  file: string,
  row: T,
  rows: readonly unknown[],
): z.output<T>[] {
  let check = checks.get(row);
  if (check === undefined) {
    check = compileRowCheck(row);
    checks.set(row, check);
  }
  if (check !== null && rows.every(check)) return rows as z.output<T>[];
  const parsed = row.array().safeParse(rows);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? ` (row ${issue.path.join('.')}: ${issue.message})` : '';
    throw new GatehouseError(
      'GH202',
      `The catalog query ${file} returned rows of an unexpected shape${where}.`,
      {
        details: issue ? `value: ${JSON.stringify(issue.input)}` : null,
        hint: 'This PostgreSQL version is answering differently than expected; please report it with the server version.',
      },
    );
  }
  return parsed.data;
}

/** One row checked as checkCatalogRows checks each. */
export function checkCatalogRow<T extends z.ZodType>(file: string, row: T, value: unknown): z.output<T> {
  return checkCatalogRows(file, row, [value])[0] as z.output<T>;
}

/** Runs sql/catalog/<file> with the given parameters and validates every row against `row`. */
export async function runCatalogQuery<T extends z.ZodType>(
  client: pg.ClientBase,
  file: string,
  row: T,
  values: readonly unknown[] = [],
): Promise<z.output<T>[]> {
  const result = await sendCatalogQuery(client, file, values);
  return checkCatalogRows(file, row, result.rows);
}
