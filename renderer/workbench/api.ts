import type { CallInput, CallName, CallOutput } from '../../shared/contract/index.js';
import type { workbenchCalls } from '../../shared/contract/workbench.js';
import type { Client } from '../client/index.js';

type WorkbenchName = Extract<CallName, keyof typeof workbenchCalls>;

/** The workbench calls through the typed client (inputs checked against shared/contract/workbench.ts). */
function call<N extends WorkbenchName>(client: Client, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  return client.call(name, input);
}

export type RunResult = CallOutput<'workbench.run'>;
export type PageResult = CallOutput<'workbench.data.page'>;
export type Shape = CallOutput<'workbench.data.shape'>;

export const workbenchApi = {
  run: (client: Client, input: CallInput<'workbench.run'>) => call(client, 'workbench.run', input),
  commit: (client: Client, connectionId: string, sessionId: string) =>
    call(client, 'workbench.commit', { connectionId, sessionId }),
  rollback: (client: Client, connectionId: string, sessionId: string) =>
    call(client, 'workbench.rollback', { connectionId, sessionId }),
  status: (client: Client, connectionId: string, sessionId: string) =>
    call(client, 'workbench.status', { connectionId, sessionId }),
  cancel: (client: Client, connectionId: string, sessionId: string) =>
    call(client, 'workbench.cancel', { connectionId, sessionId }),
  close: (client: Client, connectionId: string, sessionId: string) =>
    call(client, 'workbench.close', { connectionId, sessionId }),
  history: (client: Client, connectionId: string) => call(client, 'workbench.history.list', { connectionId }),
  clearHistory: (client: Client, connectionId: string) =>
    call(client, 'workbench.history.clear', { connectionId }),
  snippets: (client: Client) => call(client, 'workbench.snippets.list', {}),
  saveSnippet: (client: Client, name: string, sql: string) =>
    call(client, 'workbench.snippets.save', { snippet: { name, sql } }),
  deleteSnippet: (client: Client, name: string) => call(client, 'workbench.snippets.delete', { name }),
  setSnippetFolder: (client: Client, folder: string) =>
    call(client, 'workbench.snippets.setFolder', { folder }),
  shape: (client: Client, input: CallInput<'workbench.data.shape'>) =>
    call(client, 'workbench.data.shape', input),
  page: (client: Client, input: CallInput<'workbench.data.page'>) =>
    call(client, 'workbench.data.page', input),
  count: (client: Client, input: CallInput<'workbench.data.count'>) =>
    call(client, 'workbench.data.count', input),
  exportRows: (client: Client, input: CallInput<'workbench.data.export'>) =>
    call(client, 'workbench.data.export', input),
  preview: (client: Client, input: CallInput<'workbench.data.preview'>) =>
    call(client, 'workbench.data.preview', input),
  apply: (client: Client, input: CallInput<'workbench.data.apply'>) =>
    call(client, 'workbench.data.apply', input),
};
