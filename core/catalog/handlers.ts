import type pg from 'pg';
import type { HandlerGroup } from '../app/handler.js';
import { createClient, type PgTarget } from '../db/pool.js';
import { readCatalog } from './read-catalog.js';
import { GatehouseError } from '../../shared/errors.js';
import type { Catalog } from '../../shared/model/catalog.js';
import type { StudioContext } from '../app/context.js';
import { ddlForObject, toScript } from '../ddl/index.js';

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

/** One catalog read of a connection. The read is one read-only transaction, so a retry after a lost connection is safe. */
function readFor(connectionId: string, context: StudioContext): Promise<Catalog> {
  return context.connections.withClient(connectionId, async (client) => {
    const parallel = await openParallelClient(context.connections.target(connectionId));
    try {
      return await readCatalog(client, parallel ? { parallelClient: parallel } : {});
    } finally {
      await parallel?.end().catch(() => undefined);
    }
  });
}

/** SQL comment lines for a note (never able to end the comment: line breaks become spaces). */
const commentLines = (...lines: (string | null)[]) =>
  lines
    .filter((l): l is string => l !== null)
    .map((l) => `-- ${l.replace(/[\r\n]+/g, ' ')}\n`)
    .join('');

export const catalogHandlers: HandlerGroup<'catalog'> = {
  'catalog.read': ({ connectionId }, context) => readFor(connectionId, context),
  // Written from a fresh read, so the script matches the database now, not a renderer's older copy.
  'catalog.ddl': async ({ connectionId, object }, context) => {
    const model = await readFor(connectionId, context);
    try {
      return { sql: toScript(ddlForObject(model, object)) };
    } catch (error) {
      // What the model cannot describe (a foreign table's server, an aggregate) is said in the script itself.
      if (error instanceof GatehouseError && error.code === 'GH702')
        return { sql: commentLines(error.message, error.hint) };
      throw error;
    }
  },
};
