import type { Catalog, ObjectRef } from '../../shared/model/catalog.js';
import type { Client } from '../client/index.js';

/** Plain fetchers, usable without React. */
export const catalogApi = {
  /** The host's model of the connection; `refresh` reads the database anew (the refresh button, reconnect). */
  read: (client: Client, connectionId: string, refresh = false): Promise<Catalog> =>
    client.call('catalog.read', refresh ? { connectionId, refresh } : { connectionId }),
  ddl: (client: Client, connectionId: string, object: ObjectRef): Promise<{ sql: string }> =>
    client.call('catalog.ddl', { connectionId, object }),
};
