import type { HandlerGroup } from '../app/handler.js';
import { readCatalog } from './read-catalog.js';

export const catalogHandlers: HandlerGroup<'catalog'> = {
  // The read is one read-only transaction, so a retry after a lost connection is safe.
  'catalog.read': ({ connectionId }, context) =>
    context.connections.withClient(connectionId, (client) => readCatalog(client)),
};
