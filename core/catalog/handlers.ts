import type pg from 'pg';
import type { HandlerGroup } from '../app/handler.js';
import { createClient, type PgTarget } from '../db/pool.js';
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

export const catalogHandlers: HandlerGroup<'catalog'> = {
  // The read is one read-only transaction, so a retry after a lost connection is safe.
  'catalog.read': ({ connectionId }, context) =>
    context.connections.withClient(connectionId, async (client) => {
      const parallel = await openParallelClient(context.connections.target(connectionId));
      try {
        return await readCatalog(client, parallel ? { parallelClient: parallel } : {});
      } finally {
        await parallel?.end().catch(() => undefined);
      }
    }),
};
