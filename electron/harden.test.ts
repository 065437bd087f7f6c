import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hardenSession, hardenWebContents, type SessionLike, type WebContentsLike } from './harden.js';
import { ELECTRON_CSP } from './security.js';

const index = '/app/dist/renderer/index.html';

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
  const contents = {
    setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => {
      openHandler = h;
    },
    on: (event: string, listener: (event: { preventDefault(): void }, url?: string) => void) => {
      listeners.set(event, listener);
    },
  } as unknown as WebContentsLike;
  const fire = (event: string, url?: string) => {
    let prevented = false;
    listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('hardenWebContents', () => {
  it('denies window.open, blocks navigation and redirects away from the renderer, and <webview>', () => {
    const { contents, fire, open } = fakeContents();
    hardenWebContents(contents, index);
    expect(open('https://example.com')).toEqual({ action: 'deny' });
    expect(fire('will-navigate', 'https://example.com')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(fire('will-navigate', pathToFileURL(index).href + '#/x')).toBe(false);
    expect(fire('will-attach-webview')).toBe(true);
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check, and sets the CSP header on responses', () => {
    let request: ((c: unknown, p: string, cb: (g: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let headers: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0] | undefined;
    hardenSession({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      webRequest: { onHeadersReceived: (l) => (headers = l) },
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      request?.({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(check?.()).toBe(false);
    let response: Record<string, string[]> | undefined;
    headers?.(
      { responseHeaders: { 'Content-Security-Policy': ['default-src *'] } },
      (r) => (response = r.responseHeaders),
    );
    expect(response).toEqual({ 'Content-Security-Policy': [ELECTRON_CSP] });
  });
});
