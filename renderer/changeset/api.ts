import type { CallInput, CallOutput } from '../../shared/contract/index.js';
import type { Client } from '../client/index.js';

export type ChangeSetView = CallOutput<'changeset.list'>;
export type ChangeSetPreview = CallOutput<'changeset.preview'>;
export type ApplyResultView = CallOutput<'changeset.apply'>;
export type HistoryEntryView = CallOutput<'changeset.history.list'>['entries'][number];
export type QueueInput = CallInput<'changeset.add'>['statements'];

/** Plain fetchers, usable without React (a panel queues statements with `changesetApi.add`). */
export const changesetApi = {
  list: (client: Client, connectionId: string) => client.call('changeset.list', { connectionId }),
  preview: (client: Client, connectionId: string) => client.call('changeset.preview', { connectionId }),
  add: (client: Client, connectionId: string, statements: QueueInput) =>
    client.call('changeset.add', { connectionId, statements }),
  remove: (client: Client, connectionId: string, id: string) =>
    client.call('changeset.remove', { connectionId, id }),
  discard: (client: Client, connectionId: string) => client.call('changeset.discard', { connectionId }),
  apply: (client: Client, input: CallInput<'changeset.apply'>) => client.call('changeset.apply', input),
  history: (client: Client, connectionId: string) => client.call('changeset.history.list', { connectionId }),
  exportHistory: (client: Client, connectionId: string, ids: string[]) =>
    client.call('changeset.history.export', { connectionId, ids }),
};
