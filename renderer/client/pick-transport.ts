import { createHttpTransport } from './http-transport.js';
import { createIpcTransport } from './ipc-transport.js';
import { takeToken } from './token.js';
import type { Transport } from './transport.js';

/** At startup: the Electron preload's bridge when present, else HTTP to the browser-mode host. */
export function pickTransport(win: Window = window): Transport {
  if (win.gatehouse) return createIpcTransport(win.gatehouse);
  let storage: Storage | null;
  try {
    storage = win.sessionStorage;
  } catch {
    // Opaque origins and some privacy settings throw on access.
    storage = null;
  }
  const token = takeToken({ location: win.location, history: win.history, storage });
  return createHttpTransport(token);
}
