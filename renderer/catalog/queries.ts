import { useQuery } from '@tanstack/react-query';
import type { ObjectRef } from '../../shared/model/catalog.js';
import { useClient } from '../client/index.js';
import { catalogApi } from './api.js';
import { catalogKeys } from './keys.js';

/** One object's DDL, written by the host; refetched with the catalog (same key prefix). */
export function useDdlQuery(connectionId: string, object: ObjectRef) {
  const client = useClient();
  return useQuery({
    queryKey: catalogKeys.ddl(connectionId, object),
    queryFn: () => catalogApi.ddl(client, connectionId, object),
    staleTime: 60_000,
  });
}

/** The whole catalog of one connection; reread on demand (refresh) or after a reconnect. */
export function useCatalogQuery(connectionId: string | null) {
  const client = useClient();
  return useQuery({
    queryKey: catalogKeys.read(connectionId ?? ''),
    queryFn: () => catalogApi.read(client, connectionId!),
    enabled: connectionId !== null,
    staleTime: 60_000,
  });
}
