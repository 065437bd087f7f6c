import type { Envelope } from '../../shared/contract/index.js';
import type { Transport } from './transport.js';

/** What the Electron preload exposes with contextBridge: one function, no Node access. */
export interface GatehouseBridge {
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
}

declare global {
  interface Window {
    gatehouse?: GatehouseBridge;
  }
}

export function createIpcTransport(bridge: GatehouseBridge): Transport {
  return { kind: 'ipc', send: (name, input) => bridge.call(name, input) };
}
