import { contract, type CallInput, type CallName, type CallOutput } from '../../shared/contract/index.js';
import { GatehouseError } from '../../shared/errors.js';
import type { Transport } from './transport.js';

/** The typed face of the studio contract: names, inputs and outputs all come from shared/contract. */
export interface Client {
  readonly transport: Transport['kind'];
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
}

/** Calls resolve with the contract's output or reject with a GatehouseError (code, message, details, hint). */
export function createClient(transport: Transport): Client {
  return {
    transport: transport.kind,
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
      const envelope = await transport.send(name, input);
      if (!envelope.ok) {
        const { code, message, details, hint } = envelope.error;
        throw new GatehouseError(code, message, { details, hint });
      }
      const parsed = contract[name].output.safeParse(envelope.value);
      if (!parsed.success) {
        throw new GatehouseError('GH300', `The answer to ${name} does not match the studio contract.`, {
          details: parsed.error.issues
            .map((i) => `${i.path.join('.') || '(output)'}: ${i.message}`)
            .join('; '),
          hint: 'The studio host and page are from different versions; reload the page.',
        });
      }
      return parsed.data as CallOutput<N>;
    },
  };
}
