import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL } from '../shared/contract/index.js';
// @ts-expect-error -- a plain .mjs build script without types
import { preloadBuildOptions } from './build-preload.mjs';

describe('preload bundle', () => {
  it('is self-contained CommonJS that needs only electron and exposes one curated call()', async () => {
    const result = await build({ ...(preloadBuildOptions as object), write: false, logLevel: 'silent' });
    const code = result.outputFiles?.[0]?.text ?? '';
    const required: string[] = [];
    const exposed = new Map<string, unknown>();
    const invoked: unknown[][] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invoked.push(args);
          return { ok: true, value: 'pong' };
        },
      },
    };
    const module = { exports: {} };
    const fakeRequire = (id: string) => {
      required.push(id);
      if (id === 'electron') return fakeElectron;
      throw new Error(`the sandboxed preload may not require ${id}`);
    };
    new Function('require', 'module', 'exports', code)(fakeRequire, module, module.exports);
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['gatehouse']);
    const bridge = exposed.get('gatehouse') as Record<string, unknown>;
    expect(Object.keys(bridge)).toEqual(['call']);
    const call = bridge.call as (name: string, input: unknown) => Promise<unknown>;
    expect(await call('studio.info', {})).toEqual({ ok: true, value: 'pong' });
    expect(invoked).toEqual([[IPC_CHANNEL, 'studio.info', {}]]);
  });
});
