import { refKey, type ObjectRef } from '../../shared/model/catalog.js';

/** React Query keys for the catalog, one entry per connection. */
export const catalogKeys = {
  all: ['catalog'] as const,
  read: (connectionId: string) => [...catalogKeys.all, 'read', connectionId] as const,
  /** Every DDL script of one connection (refreshed with its catalog). */
  ddlOf: (connectionId: string) => [...catalogKeys.all, 'ddl', connectionId] as const,
  ddl: (connectionId: string, object: ObjectRef) =>
    [...catalogKeys.ddlOf(connectionId), refKey(object)] as const,
};
