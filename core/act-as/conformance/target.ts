import type { PostgrestConfig } from '../config/types.js';
import { PoolRegistry } from '../execute/pools.js';
import { SchemaCacheStore, schemaCacheConfig } from '../schema-cache-store.js';
import type { SchemaCache } from '../schema-cache/index.js';
import { loginFor, simulate } from '../simulator.js';
import type { Stages } from '../stages.js';
import type { ConformanceTarget } from './runner.js';

/**
 * The simulator as a conformance target: every fixture copy is reached through the config's db-uri credentials
 * (the authenticator) on the runner's server, PostgREST's transaction handling applies (db-tx-end, Prefer: tx),
 * and one schema cache serves every copy (they are identical, and no case changes the schema).
 */
export function simulatorTarget(options: {
  readonly config: PostgrestConfig;
  readonly databaseUri: (database: string) => string;
  readonly stages: Stages;
}): ConformanceTarget & { close(): Promise<void> } {
  const pools = new PoolRegistry();
  const store = new SchemaCacheStore();
  let schemaCache: SchemaCache | null = null;
  const loginUri = (database: string): string | null => {
    const l = loginFor(options.config, { developerUri: options.databaseUri(database) });
    return l.ok ? l.value.key : null;
  };
  return {
    async answer(database, request) {
      const connection = { developerUri: options.databaseUri(database) };
      if (schemaCache === null) {
        const uri = loginUri(database);
        if (uri !== null) schemaCache = await store.get(pools.get(uri), schemaCacheConfig(options.config));
      }
      const r = await simulate({
        request: {
          method: request.method,
          target: request.target,
          headers: request.headers,
          body: request.body,
        },
        persona: { type: 'request' },
        config: options.config,
        connection,
        txEnd: 'postgrest',
        stages: options.stages,
        pools,
        schemaCaches: store,
        ...(schemaCache ? { schemaCache } : {}),
      });
      return r.response;
    },
    async release(database) {
      const uri = loginUri(database);
      if (uri !== null) await pools.close(uri);
      await pools.close(options.databaseUri(database));
    },
    async close() {
      await pools.closeAll();
    },
  };
}
