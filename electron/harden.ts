import { ELECTRON_CSP, isNavigationAllowed, withCsp } from './security.js';

/** The parts of Electron's WebContents the hardening uses (a fake in tests). */
export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

/** The parts of Electron's Session the hardening uses. */
export interface SessionLike {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  readonly webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

/** No new windows, no navigation away from the renderer, no <webview>. */
export function hardenWebContents(contents: WebContentsLike, rendererIndexPath: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const block = (event: { preventDefault(): void }, url: string) => {
    if (!isNavigationAllowed(url, rendererIndexPath)) event.preventDefault();
  };
  contents.on('will-navigate', block);
  contents.on('will-redirect', block);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Every permission (camera, notifications, clipboard…) denied; every response gets our CSP. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
}

export { ELECTRON_CSP };
