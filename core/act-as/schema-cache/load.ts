import { sqlFile } from '../../db/sql-files.js';
import { buildSchemaCache, type RawSchemaCache } from './build.js';
import type { SchemaCache } from './types.js';

/** Anything with pg's `query(text, values)`: a pg.Client, a pg.PoolClient or a pg.Pool. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Reads the catalog in one round trip and derives PostgREST's schema cache for `schemas` (db-schemas). */
export async function loadSchemaCache(db: Queryable, schemas: readonly string[]): Promise<SchemaCache> {
  const res = await db.query(sqlFile('act-as/schema-cache.sql'), [[...schemas]]);
  const row = res.rows[0] as { cache: RawSchemaCache } | undefined;
  if (!row) throw new Error('schema cache query returned no row');
  return buildSchemaCache(row.cache, schemas);
}
