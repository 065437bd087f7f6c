import type { ActAsPool } from './execute/pools.js';
import { loadSchemaCache, type SchemaCache } from './schema-cache/index.js';

/** PostgREST loads its schema cache once and on reload: one per (pool, db-schemas), loaded on first use. */
export class SchemaCacheStore {
  private readonly caches = new Map<string, Promise<SchemaCache>>();

  get(pool: ActAsPool, schemas: readonly string[]): Promise<SchemaCache> {
    const key = `${pool.key}\u0000${schemas.join('\u0000')}`;
    let p = this.caches.get(key);
    if (!p) {
      p = loadSchemaCache(pool.pool, schemas);
      p.catch(() => this.caches.delete(key));
      this.caches.set(key, p);
    }
    return p;
  }

  /** `NOTIFY pgrst, 'reload schema'`: forget everything (or one connection's caches). */
  reload(key?: string): void {
    for (const k of [...this.caches.keys()])
      if (key === undefined || k.startsWith(`${key}\u0000`)) this.caches.delete(k);
  }
}
