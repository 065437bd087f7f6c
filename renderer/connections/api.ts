import type { CallInput, CallOutput } from '../../shared/contract/index.js';
import type { Client } from '../client/index.js';

/** Plain fetchers, usable without React (tests, scripts, other capabilities). */
export const connectionsApi = {
  list: (client: Client): Promise<CallOutput<'connections.list'>> => client.call('connections.list', {}),
  status: (client: Client): Promise<CallOutput<'connections.status'>> =>
    client.call('connections.status', {}),
  test: (client: Client, input: CallInput<'connections.test'>) => client.call('connections.test', input),
  save: (client: Client, input: CallInput<'connections.save'>) => client.call('connections.save', input),
  open: (client: Client, input: CallInput<'connections.open'>) => client.call('connections.open', input),
  close: (client: Client, input: CallInput<'connections.close'>) => client.call('connections.close', input),
  delete: (client: Client, input: CallInput<'connections.delete'>) =>
    client.call('connections.delete', input),
};
