import type pg from 'pg';
import type { Catalog } from '../../shared/model/catalog.js';
import type { ConnectionManager } from '../connections/manager.js';
import { createClient, type PgTarget } from '../db/pool.js';
import { ModelCache } from './model-cache.js';
import { readCatalog } from './read-catalog.js';

/**
 * A second, short-lived connection for the catalog read's parallel half (see ReadCatalogOptions.parallelClient).
 * Not taken from the pool: two nested pool checkouts could deadlock a full pool. If it cannot connect, the read
 * simply runs on one connection.
 */
async function openParallelClient(target: PgTarget): Promise<pg.Client | null> {
  const client = createClient(target);
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch {
    await client.end().catch(() => undefined);
    return null;
  }
}

/** Reads the model of an open connection. The read is one read-only transaction: a retry after a lost connection is safe. */
export function readConnectionModel(connections: ConnectionManager, connectionId: string): Promise<Catalog> {
  return connections.withClient(connectionId, async (client) => {
    const parallel = await openParallelClient(connections.target(connectionId));
    try {
      return await readCatalog(client, parallel ? { parallelClient: parallel } : {});
    } finally {
      await parallel?.end().catch(() => undefined);
    }
  });
}

/** The studio's model cache: one model per open connection, read through the connection manager. */
export function connectionModelCache(connections: ConnectionManager): ModelCache<string> {
  return new ModelCache((connectionId) => readConnectionModel(connections, connectionId));
}
