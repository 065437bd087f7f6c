import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { contract, isCallName } from '../../shared/contract/index.js';
import { GatehouseError } from '../../shared/errors.js';
import { ClientProvider, type Client } from '../client/index.js';
import { createClient } from '../client/create-client.js';
import type { Transport } from '../client/transport.js';

/**
 * A client whose calls are answered by `answer` (per call name), for component tests. It goes through the real
 * client: inputs are checked against the contract's input schemas and answers against its output schemas, so a
 * fake can never answer what the host could not. An answer that throws a GatehouseError is that call's error.
 */
export function fakeClient(
  answer: (name: string, input: unknown) => unknown,
): Client & { calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  const transport: Transport = {
    kind: 'http',
    async send(name, input) {
      calls.push([name, input]);
      if (!isCallName(name)) throw new Error(`fakeClient: ${name} is not a studio call`);
      const checked = contract[name].input.safeParse(input);
      if (!checked.success)
        throw new Error(`fakeClient: the input of ${name} is off the contract: ${checked.error.message}`);
      try {
        return { ok: true, value: await answer(name, input) };
      } catch (e) {
        if (e instanceof GatehouseError) return { ok: false, error: e.toJSON() };
        throw e;
      }
    },
  };
  return Object.assign(createClient(transport), { calls });
}

export function Providers({ client, children }: { client: Client; children: ReactNode }) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return (
    <ClientProvider client={client}>
      <QueryClientProvider client={qc}>{children}</QueryClientProvider>
    </ClientProvider>
  );
}
