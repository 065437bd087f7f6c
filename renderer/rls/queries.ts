import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { CallInput } from '../../shared/contract/index.js';
import type { MatrixPersona, RlsChange } from '../../shared/contract/rls.js';
import { useClient } from '../client/index.js';
import { catalogKeys } from '../catalog/keys.js';
import { changesetKeys } from '../changeset/keys.js';

export const rlsKeys = {
  of: (connectionId: string) => ['rls', connectionId] as const,
};

export function useOverview(connectionId: string) {
  const client = useClient();
  return useQuery({
    queryKey: [...rlsKeys.of(connectionId), 'overview'],
    queryFn: () => client.call('rls.overview', { connectionId }),
  });
}

export function useSavedPersonas(connectionId: string) {
  const client = useClient();
  return useQuery({
    queryKey: ['actAsConsole', connectionId, 'personas'],
    queryFn: () => client.call('actAsConsole.personas.list', { connectionId }),
  });
}

/** The matrix; with preview it is keyed by the pending set too, so each queued change re-runs it. */
export function useMatrix(
  connectionId: string,
  personas: MatrixPersona[],
  preview: boolean,
  pendingKey: string,
) {
  const client = useClient();
  return useQuery({
    queryKey: [
      ...rlsKeys.of(connectionId),
      'matrix',
      JSON.stringify(personas),
      preview,
      preview ? pendingKey : '',
    ],
    queryFn: () => client.call('rls.matrix', { connectionId, personas, preview }),
    enabled: personas.length > 0,
  });
}

/** The matrix as tests to keep (pgTAP or plain SQL), as the database is now. */
export function useExportTests() {
  const client = useClient();
  return useMutation({
    mutationFn: (input: CallInput<'rls.exportTests'>) => client.call('rls.exportTests', input),
  });
}

export function useWhyRow() {
  const client = useClient();
  return useMutation({ mutationFn: (input: CallInput<'rls.whyRow'>) => client.call('rls.whyRow', input) });
}

/** Queues a change (core/ddl writes it) and refreshes the drawer's count. */
export function useQueueRlsChange(connectionId: string) {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: RlsChange) => client.call('rls.queue', { connectionId, change }),
    onSettled: () => qc.invalidateQueries({ queryKey: changesetKeys.of(connectionId) }),
  });
}

/**
 * Validates a policy expression as it is typed (debounced by the caller): syntax, then names and types, against
 * the database as the pending change set leaves it (so keyed by the pending set too).
 */
export function useExpressionCheck(
  connectionId: string,
  schema: string,
  table: string,
  expression: string,
  pendingKey: string,
) {
  const client = useClient();
  return useQuery({
    queryKey: [...rlsKeys.of(connectionId), 'validate', schema, table, expression, pendingKey],
    queryFn: () => client.call('rls.validate', { connectionId, schema, table, expression, preview: true }),
    enabled: expression.trim() !== '',
    staleTime: Infinity,
  });
}

/** The editor's catalog for one table (columns, relations, functions, roles, claim names, templates), from core. */
export function useEditorContext(connectionId: string, schema: string, table: string) {
  const client = useClient();
  return useQuery({
    queryKey: [...rlsKeys.of(connectionId), 'editorContext', schema, table],
    queryFn: () => client.call('rls.editorContext', { connectionId, schema, table }),
    staleTime: 30_000,
  });
}

/** The statements a change would queue (or why an edit needs DROP + CREATE), asked as the draft settles. */
export function useChangePlan(connectionId: string, change: RlsChange | null) {
  const client = useClient();
  return useQuery({
    queryKey: [...rlsKeys.of(connectionId), 'plan', JSON.stringify(change)],
    queryFn: () => client.call('rls.plan', { connectionId, change: change! }),
    enabled: change !== null,
    retry: false,
  });
}

/**
 * The overview and the editor's catalog follow the database: when the catalog is invalidated (a change set
 * applied, a workbench commit), the RLS queries of that connection are too.
 */
export function useRlsFollowsCatalog(connectionId: string): void {
  const qc = useQueryClient();
  useEffect(() => {
    const read = JSON.stringify(catalogKeys.read(connectionId));
    return qc.getQueryCache().subscribe((event) => {
      if (
        event.type === 'updated' &&
        event.action.type === 'invalidate' &&
        JSON.stringify(event.query.queryKey) === read
      )
        void qc.invalidateQueries({ queryKey: rlsKeys.of(connectionId) });
    });
  }, [qc, connectionId]);
}
