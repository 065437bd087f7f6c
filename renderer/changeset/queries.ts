import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useClient } from '../client/index.js';
import { catalogKeys } from '../catalog/keys.js';
import { changesetApi, type QueueInput } from './api.js';
import { changesetKeys } from './keys.js';

/** The pending statements of a connection: the top bar's count and the drawer's list. */
export function useChangeSetQuery(connectionId: string | null) {
  const client = useClient();
  return useQuery({
    queryKey: changesetKeys.list(connectionId ?? ''),
    queryFn: () => changesetApi.list(client, connectionId!),
    enabled: connectionId !== null,
  });
}

export function usePreviewQuery(connectionId: string, enabled: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: changesetKeys.preview(connectionId),
    queryFn: () => changesetApi.preview(client, connectionId),
    enabled,
  });
}

export function useHistoryQuery(connectionId: string, enabled: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: changesetKeys.history(connectionId),
    queryFn: () => changesetApi.history(client, connectionId),
    enabled,
  });
}

/** Mutations of one connection's set; each refreshes the set, and an apply also the catalog (the model). */
export function useChangeSetMutations(connectionId: string) {
  const client = useClient();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: changesetKeys.of(connectionId) });
  const settled = { onSettled: refresh };
  return {
    add: useMutation({
      mutationFn: (statements: QueueInput) => changesetApi.add(client, connectionId, statements),
      ...settled,
    }),
    remove: useMutation({
      mutationFn: (id: string) => changesetApi.remove(client, connectionId, id),
      ...settled,
    }),
    discard: useMutation({ mutationFn: () => changesetApi.discard(client, connectionId), ...settled }),
    apply: useMutation({
      mutationFn: (input: {
        confirmNonTransactional: boolean;
        expectIds: string[];
        lockTimeoutMs: number;
        statementTimeoutMs: number;
      }) => changesetApi.apply(client, { connectionId, ...input }),
      onSettled: async (result) => {
        await refresh();
        if (result && result.outcome !== 'failed' && result.outcome !== 'needs-confirmation')
          await qc.invalidateQueries({ queryKey: catalogKeys.read(connectionId) });
      },
    }),
  };
}

/** Queue statements from any panel; the drawer's count follows. */
export function useQueueChanges(connectionId: string) {
  return useChangeSetMutations(connectionId).add;
}
