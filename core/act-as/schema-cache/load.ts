import { sqlFile } from '../../db/sql-files.js';
import { buildSchemaCache, type RawSchemaCache } from './build.js';
import type { SchemaCache } from './types.js';

/** Anything with pg's `query(text, values)`: a pg.Client or a pg.PoolClient. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** A pg.Pool: a client is checked out so the search_path change stays inside one transaction. */
export interface ClientSource {
  connect(): Promise<Queryable & { release(err?: Error | boolean): void }>;
  readonly totalCount: number;
}

function isPool(db: Queryable | ClientSource): db is ClientSource {
  return typeof (db as ClientSource).connect === 'function' && 'totalCount' in db;
}

async function read(client: Queryable, schemas: readonly string[]): Promise<RawSchemaCache> {
  // Like PostgREST, read with an empty search_path so every type name comes out schema-qualified.
  await client.query('BEGIN READ ONLY');
  try {
    await client.query("SELECT set_config('search_path', '', true)");
    const res = await client.query(sqlFile('act-as/schema-cache.sql'), [[...schemas]]);
    await client.query('COMMIT');
    const row = res.rows[0] as { cache: RawSchemaCache } | undefined;
    if (!row) throw new Error('schema cache query returned no row');
    return row.cache;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** Reads the catalog in one round trip and derives PostgREST's schema cache for `schemas` (db-schemas). */
export async function loadSchemaCache(
  db: Queryable | ClientSource,
  schemas: readonly string[],
): Promise<SchemaCache> {
  if (!isPool(db)) return buildSchemaCache(await read(db, schemas), schemas);
  const client = await db.connect();
  try {
    return buildSchemaCache(await read(client, schemas), schemas);
  } finally {
    client.release();
  }
}
