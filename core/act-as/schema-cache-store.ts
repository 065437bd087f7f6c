import type { Catalog } from '../../shared/model/catalog.js';
import { ModelCache } from '../catalog/model-cache.js';
import { readCatalog } from '../catalog/read-catalog.js';
import type { ActAsPool } from './execute/pools.js';
import { schemaCacheFromCatalog, type SchemaCacheConfig } from './schema-cache/derive.js';
import type { SchemaCache } from './schema-cache/types.js';

const derived = new WeakMap<Catalog, Map<string, SchemaCache>>();

/**
 * The schema cache of a model for a config, derived once per model object: every request planned against the
 * same model and db-schemas / db-extra-search-path shares one.
 */
export function schemaCacheOf(model: Catalog, config: SchemaCacheConfig): SchemaCache {
  const key = `${config.schemas.join('\0')}\u0001${config.extraSearchPath.join('\0')}`;
  let byConfig = derived.get(model);
  if (byConfig === undefined) derived.set(model, (byConfig = new Map()));
  let cache = byConfig.get(key);
  if (cache === undefined) byConfig.set(key, (cache = schemaCacheFromCatalog(model, config)));
  return cache;
}

/** db-schemas and db-extra-search-path of a PostgREST config. */
export function schemaCacheConfig(c: {
  readonly dbSchemas: readonly string[];
  readonly dbExtraSearchPath: readonly string[];
}): SchemaCacheConfig {
  return { schemas: c.dbSchemas, extraSearchPath: c.dbExtraSearchPath };
}

/**
 * PostgREST loads its schema cache once and on reload. Where no studio connection holds the model (`gatehouse
 * serve`, `gatehouse request`, the conformance runner), the model is read through the login's pool, one per
 * pool, and the schema cache derived from it.
 */
export class SchemaCacheStore {
  private readonly pools = new Map<string, ActAsPool>();
  readonly models = new ModelCache<string>(async (key) => {
    const pool = this.pools.get(key);
    if (pool === undefined) throw new Error(`no act-as pool ${key}`);
    const client = await pool.pool.connect();
    try {
      return await readCatalog(client);
    } finally {
      client.release();
    }
  });

  async get(pool: ActAsPool, config: SchemaCacheConfig): Promise<SchemaCache> {
    this.pools.set(pool.key, pool);
    return schemaCacheOf(await this.models.get(pool.key), config);
  }

  /** `NOTIFY pgrst, 'reload schema'`: forget every model (or one pool's); the next request reads again. */
  reload(key?: string): void {
    this.models.invalidate(key);
  }
}
