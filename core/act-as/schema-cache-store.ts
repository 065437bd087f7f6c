import type { ActAsPool } from './execute/pools.js';
import { loadSchemaCache, type SchemaCache } from './schema-cache/index.js';

/** PostgREST loads its schema cache once and on reload: one per (pool, db-schemas), loaded on first use. */
export class SchemaCacheStore {
  private readonly caches = new Map<string, Promise<SchemaCache>>();

  get(pool: ActAsPool, schemas: readonly string[]): Promise<SchemaCache> {
    const key = `${pool.connectionString}\u0000${schemas.join('\u0000')}`;
    let p = this.caches.get(key);
    if (!p) {
      p = loadSchemaCache(pool.pool, schemas);
      p.catch(() => this.caches.delete(key));
      this.caches.set(key, p);
    }
    return p;
  }

  /** `NOTIFY pgrst, 'reload schema'`: forget everything (or one connection's caches). */
  reload(connectionString?: string): void {
    for (const key of [...this.caches.keys()])
      if (connectionString === undefined || key.startsWith(`${connectionString}\u0000`))
        this.caches.delete(key);
  }
}
