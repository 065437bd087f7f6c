import type { CallInput, CallName, CallOutput, Envelope } from '../shared/contract/index.js';

/** `window.gatehouse` in the desktop app: one typed call into the studio contract. */
export interface GatehouseBridge {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Envelope<CallOutput<N>>>;
}
