import { sqlFile } from '../../db/sql-files.js';
import { assembleCasts } from '../../catalog/assemble-casts.js';
import { castRow } from '../../catalog/rows.js';
import { buildSchemaCache, type RawSchemaCache } from './build.js';
import { representationsFrom, type Representations } from './representations.js';
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

interface Read {
  readonly raw: RawSchemaCache;
  readonly representations: Representations;
}

async function read(client: Queryable, schemas: readonly string[]): Promise<Read> {
  // Like PostgREST, read with an empty search_path so every type name comes out schema-qualified.
  await client.query('BEGIN READ ONLY');
  try {
    await client.query("SELECT set_config('search_path', '', true)");
    const res = await client.query(sqlFile('act-as/schema-cache.sql'), [[...schemas]]);
    // The catalog model's cast query, run as the schema cache's role: `executable` is what PostgREST checks.
    const castRows = (await client.query(sqlFile('catalog/casts.sql'))).rows.map((r) => castRow.parse(r));
    await client.query('COMMIT');
    const row = res.rows[0] as { cache: RawSchemaCache } | undefined;
    if (!row) throw new Error('schema cache query returned no row');
    const executable = new Set(
      castRows.filter((r) => r.executable).map((r) => `${r.source_type}\u0000${r.target_type}`),
    );
    const representations = representationsFrom(assembleCasts(castRows), (c) =>
      executable.has(`${c.sourceType}\u0000${c.targetType}`),
    );
    return { raw: row.cache, representations };
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
  const build = (r: Read): SchemaCache => ({
    ...buildSchemaCache(r.raw, schemas),
    representations: r.representations,
  });
  if (!isPool(db)) return build(await read(db, schemas));
  const client = await db.connect();
  try {
    return build(await read(client, schemas));
  } finally {
    client.release();
  }
}
