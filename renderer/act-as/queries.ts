import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useClient } from '../client/index.js';
import { consoleApi, type SavedPersona } from './api.js';
import type { PostgrestVersion } from './api-model.js';

export const actAsKeys = {
  config: (id: string) => ['actAs', 'config', id] as const,
  personas: (id: string) => ['actAs', 'personas', id] as const,
  claims: (id: string) => ['actAs', 'claims', id] as const,
  embeddables: (id: string) => ['actAs', 'embeddables', id] as const,
};

/** Every embed the simulator's schema cache allows; refetched when the act-as config changes. */
export function useEmbeddables(connectionId: string) {
  const client = useClient();
  return useQuery({
    queryKey: actAsKeys.embeddables(connectionId),
    queryFn: () => consoleApi.embeddables(client, connectionId),
    staleTime: 60_000,
    retry: false,
  });
}

export function useActAsConfig(connectionId: string) {
  const client = useClient();
  return useQuery({
    queryKey: actAsKeys.config(connectionId),
    queryFn: () => consoleApi.configGet(client, connectionId),
  });
}

export function useSetActAsConfig(connectionId: string) {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ text, postgrestVersion }: { text: string; postgrestVersion?: PostgrestVersion }) =>
      consoleApi.configSet(client, connectionId, text, postgrestVersion),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: actAsKeys.config(connectionId) });
      void qc.invalidateQueries({ queryKey: actAsKeys.embeddables(connectionId) });
    },
  });
}

export function usePersonas(connectionId: string) {
  const client = useClient();
  return useQuery({
    queryKey: actAsKeys.personas(connectionId),
    queryFn: () => consoleApi.personas(client, connectionId),
  });
}

export function useSavePersonas(connectionId: string) {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (personas: SavedPersona[]) => consoleApi.savePersonas(client, { connectionId, personas }),
    onSuccess: (data) => qc.setQueryData(actAsKeys.personas(connectionId), data),
  });
}

export function useDiscoveredClaims(connectionId: string) {
  const client = useClient();
  return useQuery({
    queryKey: actAsKeys.claims(connectionId),
    queryFn: () => consoleApi.claims(client, connectionId),
    staleTime: 60_000,
  });
}
