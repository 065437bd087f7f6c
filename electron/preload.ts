// Bundled to dist/electron/preload.cjs (sandboxed preloads must be CommonJS and self-contained).
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL } from '../shared/contract/transport-names.js';
import type { GatehouseBridge } from './bridge.js';

/** The renderer gets exactly one function, never ipcRenderer itself. */
const bridge: GatehouseBridge = {
  call: (name, input) => ipcRenderer.invoke(IPC_CHANNEL, name, input),
};

contextBridge.exposeInMainWorld('gatehouse', bridge);
