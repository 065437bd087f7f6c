import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useClient } from '../client/index.js';
import { consoleApi, type SavedPersona } from './api.js';
import type { PostgrestVersion } from './api-model.js';

export const actAsKeys = {
  config: (id: string) => ['actAs', 'config', id] as const,
  personas: (id: string) => ['actAs', 'personas', id] as const,
  claims: (id: string, modelReadAt?: string) => ['actAs', 'claims', id, modelReadAt ?? null] as const,
  embeddables: (id: string, modelReadAt?: string) =>
    ['actAs', 'embeddables', id, modelReadAt ?? null] as const,
};

/**
 * Every embed the simulator's schema cache allows. The host derives it from the same model catalog.read
 * serves, so it waits for that model (`modelReadAt`, the catalog's readAt) and follows it when it is refreshed;
 * refetched too when the act-as config changes.
 */
export function useEmbeddables(connectionId: string, modelReadAt: string | undefined) {
  const client = useClient();
  return useQuery({
    queryKey: actAsKeys.embeddables(connectionId, modelReadAt),
    queryFn: () => consoleApi.embeddables(client, connectionId),
    enabled: modelReadAt !== undefined,
    staleTime: Infinity,
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
      void qc.invalidateQueries({ queryKey: ['actAs', 'embeddables', connectionId] });
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

/** The claims the database reads, scanned on the host from the model catalog.read serves (see useEmbeddables). */
export function useDiscoveredClaims(connectionId: string, modelReadAt: string | undefined) {
  const client = useClient();
  return useQuery({
    queryKey: actAsKeys.claims(connectionId, modelReadAt),
    queryFn: () => consoleApi.claims(client, connectionId),
    enabled: modelReadAt !== undefined,
    staleTime: Infinity,
  });
}
