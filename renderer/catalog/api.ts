import type { Catalog, ObjectRef } from '../../shared/model/catalog.js';
import type { Client } from '../client/index.js';

/** Plain fetchers, usable without React. */
export const catalogApi = {
  read: (client: Client, connectionId: string): Promise<Catalog> =>
    client.call('catalog.read', { connectionId }),
  ddl: (client: Client, connectionId: string, object: ObjectRef): Promise<{ sql: string }> =>
    client.call('catalog.ddl', { connectionId, object }),
};
