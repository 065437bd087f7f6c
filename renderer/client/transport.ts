import type { Envelope } from '../../shared/contract/index.js';

/** How the renderer reaches its host: HTTP in browser mode, IPC in the desktop app. Nothing else differs. */
export interface Transport {
  readonly kind: 'http' | 'ipc';
  send(name: string, input: unknown): Promise<Envelope<unknown>>;
}
