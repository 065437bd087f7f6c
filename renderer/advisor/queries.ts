import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useClient } from '../client/index.js';
import { catalogKeys } from '../catalog/keys.js';
import { useCatalogQuery } from '../catalog/queries.js';
import { advisorApi } from './api.js';
import { advisorKeys } from './keys.js';

/**
 * The advisor's report for a connection. Keyed by when the catalog was last read, so that an applied change set
 * (which rereads the catalog) re-runs it.
 */
export function useAdvisorQuery(connectionId: string, ackFile: string | null) {
  const client = useClient();
  const catalog = useCatalogQuery(connectionId);
  const modelAt = catalog.dataUpdatedAt;
  return useQuery({
    queryKey: advisorKeys.run(connectionId, modelAt, ackFile),
    queryFn: () => advisorApi.run(client, connectionId, false, ackFile),
    enabled: catalog.isSuccess,
    placeholderData: (previous) => previous,
  });
}

/** An opened finding's objects, roles and fix, fetched when it is opened (`run` is the report's `ms`). */
export function useFindingDetail(connectionId: string, key: string, run: number, enabled: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: advisorKeys.finding(connectionId, key, run),
    queryFn: () => advisorApi.finding(client, connectionId, key),
    enabled,
    staleTime: Infinity,
  });
}

/** One role's reach map, fetched when the report carried totals only (`run` is the report's `ms`). */
export function useRoleReach(connectionId: string, role: string | null, run: number, enabled: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: advisorKeys.reach(connectionId, role ?? '', run),
    queryFn: () => advisorApi.reach(client, connectionId, role ?? ''),
    enabled: enabled && role !== null,
    staleTime: Infinity,
  });
}

export function useAdvisorMutations(connectionId: string, ackFile: string | null) {
  const client = useClient();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: advisorKeys.of(connectionId) });
  return {
    // A re-run reads the database again on the host: the catalog the other panels show is that new read too
    // (a link from a finding must land on the object as the finding saw it).
    rerun: useMutation({
      mutationFn: () => advisorApi.run(client, connectionId, true, ackFile),
      onSettled: async () => {
        await qc.invalidateQueries({ queryKey: catalogKeys.read(connectionId) });
        await refresh();
      },
    }),
    acknowledge: useMutation({
      mutationFn: (a: { key: string; reason: string }) =>
        advisorApi.acknowledge(client, connectionId, a.key, a.reason, ackFile),
      onSettled: refresh,
    }),
  };
}
