import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createStudioContext } from '../core/app/context.js';
import { handlers } from '../core/app/handlers.js';
import { IPC_CHANNEL } from '../shared/contract/index.js';
import { registerIpc, type IpcEventLike, type IpcMainLike } from './ipc.js';
import { isRendererUrl, isTrustedSender } from './security.js';

const rendererIndexPath = '/opt/gatehouse/resources/app.asar/dist/renderer/index.html';
const rendererUrl = pathToFileURL(rendererIndexPath).href;

function fakeIpcMain() {
  const listeners = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener);
    },
  };
  return { ipcMain, listeners };
}

function setup() {
  const { ipcMain, listeners } = fakeIpcMain();
  const context = createStudioContext({
    mode: 'desktop',
    version: '1.0.0',
    dataDir: mkdtempSync(join(tmpdir(), 'gh-ipc-')),
  });
  registerIpc(ipcMain, { handlers, context, rendererIndexPath });
  const listener = listeners.get(IPC_CHANNEL);
  if (!listener) throw new Error('no handler registered');
  const send = (frame: IpcEventLike['senderFrame'], ...args: unknown[]) =>
    listener({ senderFrame: frame }, ...args);
  return { listeners, send };
}

describe('registerIpc', () => {
  it('registers exactly one handler, on IPC_CHANNEL', () => {
    expect([...setup().listeners.keys()]).toEqual([IPC_CHANNEL]);
  });

  it('serves a call from our renderer through dispatch', async () => {
    const { send } = setup();
    expect(await send({ url: `${rendererUrl}#/roles`, parent: null }, 'studio.info', {})).toEqual({
      ok: true,
      value: { version: '1.0.0', mode: 'desktop', platform: process.platform },
    });
  });

  it('refuses foreign senders with GH303', async () => {
    const { send } = setup();
    const foreign = [
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/evil/index.html', parent: null },
      { url: 'file:///opt/gatehouse/resources/app.asar/dist/renderer/other.html', parent: null },
      { url: 'devtools://devtools/bundled/index.html', parent: null },
      { url: rendererUrl, parent: { url: rendererUrl } }, // an iframe, even of our own page
      null, // the frame is gone
    ];
    for (const frame of foreign) {
      const reply = await send(frame, 'studio.info', {});
      expect(reply, JSON.stringify(frame)).toMatchObject({ ok: false, error: { code: 'GH303' } });
    }
  });

  it('refuses invalid input (GH300), a missing name (GH300) and unknown calls (GH301)', async () => {
    const { send } = setup();
    const ours = { url: rendererUrl, parent: null };
    expect(await send(ours, 'studio.info', 'nope')).toMatchObject({ ok: false, error: { code: 'GH300' } });
    expect(await send(ours, 42, {})).toMatchObject({ ok: false, error: { code: 'GH300' } });
    expect(await send(ours, 'connections.open', { params: { port: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'GH300' },
    });
    expect(await send(ours, 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'GH301' } });
  });
});

describe('isRendererUrl', () => {
  it('accepts only the file:// URL of our index.html, with any #route or ?query', () => {
    expect(isRendererUrl(rendererUrl, rendererIndexPath)).toBe(true);
    expect(isRendererUrl(`${rendererUrl}?x=1#/a`, rendererIndexPath)).toBe(true);
    expect(
      isRendererUrl(
        'file:///opt/gatehouse/resources/app.asar/dist/renderer/../renderer/index.html',
        rendererIndexPath,
      ),
    ).toBe(true);
    expect(
      isRendererUrl(
        'file://remote-host/opt/gatehouse/resources/app.asar/dist/renderer/index.html',
        rendererIndexPath,
      ),
    ).toBe(false);
    expect(isRendererUrl('http://127.0.0.1/index.html', rendererIndexPath)).toBe(false);
    expect(isRendererUrl('not a url', rendererIndexPath)).toBe(false);
    expect(isTrustedSender(undefined, rendererIndexPath)).toBe(false);
  });
});
