import { useQuery } from '@tanstack/react-query';
import { useClient } from '../client/index.js';
import { catalogApi } from './api.js';
import { catalogKeys } from './keys.js';

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
