import type { z } from 'zod';
import type { actAsCalls } from '../../shared/contract/act-as.js';
import type { CallInput, CallOutput } from '../../shared/contract/index.js';
import type { Client } from '../client/index.js';

type ActAs = typeof actAsCalls;
export type ActAsName = keyof ActAs;
export type ActAsIn<N extends ActAsName> = z.input<ActAs[N]['input']>;
export type ActAsOut<N extends ActAsName> = z.output<ActAs[N]['output']>;
export type RequestResult = ActAsOut<'actAs.request'>;
export type SqlRunResult = ActAsOut<'actAs.sql'>;
export type ContractPersona = ActAsIn<'actAs.request'>['persona'];

/** The act-as calls, through the typed client (inputs checked against shared/contract/act-as.ts). */
function actAs<N extends ActAsName>(client: Client, name: N, input: ActAsIn<N>): Promise<ActAsOut<N>> {
  return client.call(name, input as CallInput<N>) as Promise<ActAsOut<N>>;
}

export const consoleApi = {
  request: (client: Client, input: ActAsIn<'actAs.request'>) => actAs(client, 'actAs.request', input),
  sql: (client: Client, input: ActAsIn<'actAs.sql'>) => actAs(client, 'actAs.sql', input),
  configGet: (client: Client, connectionId: string) => actAs(client, 'actAs.config.get', { connectionId }),
  configSet: (
    client: Client,
    connectionId: string,
    text: string,
    postgrestVersion?: ActAsIn<'actAs.config.set'>['postgrestVersion'],
  ) =>
    actAs(client, 'actAs.config.set', {
      connectionId,
      text,
      ...(postgrestVersion === undefined ? {} : { postgrestVersion }),
    }),
  mintJwt: (client: Client, input: ActAsIn<'actAs.mintJwt'>) => actAs(client, 'actAs.mintJwt', input),
  decodeJwt: (client: Client, token: string, connectionId: string) =>
    actAs(client, 'actAs.decodeJwt', { token, connectionId }),
  personas: (client: Client, connectionId: string) =>
    client.call('actAsConsole.personas.list', { connectionId }),
  savePersonas: (client: Client, input: CallInput<'actAsConsole.personas.save'>) =>
    client.call('actAsConsole.personas.save', input),
  claims: (client: Client, connectionId: string) => client.call('actAsConsole.claims', { connectionId }),
  history: (client: Client, connectionId: string) =>
    client.call('actAsConsole.history.list', { connectionId }),
  addHistory: (client: Client, input: CallInput<'actAsConsole.history.add'>) =>
    client.call('actAsConsole.history.add', input),
  clearHistory: (client: Client, connectionId: string) =>
    client.call('actAsConsole.history.clear', { connectionId }),
  explain: (client: Client, input: CallInput<'actAsConsole.explain'>) =>
    client.call('actAsConsole.explain', input),
  embeddables: (client: Client, connectionId: string) =>
    client.call('actAsConsole.embeddables', { connectionId }),
  /** Cancels one run: the one started with this runId (see newRunId), nobody else's. */
  cancel: (client: Client, connectionId: string, runId: string) =>
    client.call('actAsConsole.cancel', { connectionId, runId }),
};

export type ExplainResult = CallOutput<'actAsConsole.explain'>;
export type SavedPersona = CallOutput<'actAsConsole.personas.list'>['personas'][number];
export type DiscoveredClaims = CallOutput<'actAsConsole.claims'>['claims'];

/** A fresh id for one request or SQL run, passed with the run and to cancel it. */
export function newRunId(): string {
  return crypto.randomUUID();
}
