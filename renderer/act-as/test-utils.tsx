import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ClientProvider, type Client } from '../client/index.js';

/** A client whose calls are answered by `answer` (per call name), for component tests. */
export function fakeClient(
  answer: (name: string, input: unknown) => unknown,
): Client & { calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  return {
    transport: 'http',
    calls,
    call: (async (name: string, input: unknown) => {
      calls.push([name, input]);
      return answer(name, input);
    }) as Client['call'],
  };
}

export function Providers({ client, children }: { client: Client; children: ReactNode }) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return (
    <ClientProvider client={client}>
      <QueryClientProvider client={qc}>{children}</QueryClientProvider>
    </ClientProvider>
  );
}
