import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CallOutput } from '../../shared/contract/index.js';
import type { RoleChangeInput } from '../../shared/contract/roles.js';
import { useClient, type Client } from '../client/index.js';
import { changesetKeys } from '../changeset/keys.js';

export type PlanResult = CallOutput<'roles.plan'>;

/** Plain fetcher: edits → DDL checked against the model; `queue` adds them to the change set. */
export const rolesApi = {
  plan: (client: Client, connectionId: string, panel: string, changes: RoleChangeInput[], queue: boolean) =>
    client.call('roles.plan', { connectionId, panel, changes, queue }),
};

/** Queue edits in the change set; the drawer's count refreshes. */
export function usePlanMutation(connectionId: string, panel: string) {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { changes: RoleChangeInput[]; queue: boolean }) =>
      rolesApi.plan(client, connectionId, panel, input.changes, input.queue),
    onSettled: (r) =>
      r?.changeSet ? qc.invalidateQueries({ queryKey: changesetKeys.of(connectionId) }) : undefined,
  });
}
