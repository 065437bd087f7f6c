import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '../../shared/contract/index.js';
import { useClient } from '../client/index.js';
import { connectionsApi } from './api.js';
import { connectionKeys } from './keys.js';

export function useConnectionsQuery() {
  const client = useClient();
  return useQuery({ queryKey: connectionKeys.list(), queryFn: () => connectionsApi.list(client) });
}

/** Polled so a lost connection shows up even while the user only reads. */
export function useConnectionStatusQuery() {
  const client = useClient();
  return useQuery({
    queryKey: connectionKeys.status(),
    queryFn: () => connectionsApi.status(client),
    refetchInterval: 5000,
  });
}

export function useTestConnectionMutation() {
  const client = useClient();
  return useMutation({
    mutationFn: (input: CallInput<'connections.test'>) => connectionsApi.test(client, input),
  });
}

export function useSaveConnectionMutation() {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CallInput<'connections.save'>) => connectionsApi.save(client, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: connectionKeys.all }),
  });
}

export function useOpenConnectionMutation() {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CallInput<'connections.open'>) => connectionsApi.open(client, input),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: connectionKeys.all });
      // Anything read through a connection may be stale after a (re)connect.
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'connections' });
    },
  });
}

export function useCloseConnectionMutation() {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CallInput<'connections.close'>) => connectionsApi.close(client, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: connectionKeys.all }),
  });
}

export function useDeleteConnectionMutation() {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CallInput<'connections.delete'>) => connectionsApi.delete(client, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: connectionKeys.all }),
  });
}
