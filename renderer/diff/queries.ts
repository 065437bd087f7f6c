import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useClient } from '../client/index.js';
import { changesetKeys } from '../changeset/keys.js';
import { diffApi, type CompareInput, type ComparisonView } from './api.js';
import { diffKeys } from './keys.js';

/** How often a running comparison is asked for its progress (a folder read reports file by file). */
const POLL_MS = 400;

/** A comparison's progress, polled while it runs; `comparison` once both sides are read and planned. */
export function useProgressQuery(comparisonId: string | null) {
  const client = useClient();
  return useQuery({
    queryKey: diffKeys.progress(comparisonId ?? ''),
    queryFn: () => diffApi.progress(client, comparisonId!),
    enabled: comparisonId !== null,
    refetchInterval: (q) =>
      q.state.data?.state === 'running' || q.state.data === undefined ? POLL_MS : false,
    staleTime: Infinity,
  });
}

export function useDiffMutations(connectionId: string) {
  const client = useClient();
  const qc = useQueryClient();
  return {
    compare: useMutation({ mutationFn: (input: CompareInput) => diffApi.compare(client, input) }),
    plan: useMutation({
      mutationFn: (a: { comparisonId: string; options: ComparisonView['options'] }) =>
        diffApi.plan(client, a.comparisonId, a.options),
    }),
    exportTo: useMutation({
      mutationFn: (input: Parameters<typeof diffApi.export>[1]) => diffApi.export(client, input),
    }),
    apply: useMutation({
      mutationFn: (a: { comparisonId: string; options: ComparisonView['options'] }) =>
        diffApi.apply(client, a.comparisonId, a.options),
      onSettled: (r) => qc.invalidateQueries({ queryKey: changesetKeys.of(r?.connectionId ?? connectionId) }),
    }),
  };
}
