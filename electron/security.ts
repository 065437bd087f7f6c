import { fileURLToPath } from 'node:url';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp.js';

/**
 * The desktop host's security policy as pure functions, so it is unit-tested without an Electron binary.
 * main.ts only wires these into Electron.
 */

/** The Content-Security-Policy every page we load gets as a response header: the studio's one policy. */
export const ELECTRON_CSP = CONTENT_SECURITY_POLICY;

/** webPreferences for every window: isolated, sandboxed, no Node, web security on. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const;
}

/** Options for the studio's one window (BrowserWindowConstructorOptions-compatible). */
export function mainWindowOptions(preloadPath: string) {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Gatehouse',
    show: false,
    backgroundColor: '#111318',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  } as const;
}

/** Response headers with our CSP, replacing whatever CSP the response carried (any spelling). */
export function withCsp(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [ELECTRON_CSP];
  return out;
}

/** The absolute local path a file:// URL names (query and hash ignored), or null for anything else. */
function localFilePath(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return null;
  parsed.hash = '';
  parsed.search = '';
  try {
    return resolve(fileURLToPath(parsed));
  } catch {
    return null;
  }
}

/** Is `url` our renderer: the file:// URL of dist/renderer/index.html (any #route or ?query)? */
export function isRendererUrl(url: string, rendererIndexPath: string): boolean {
  return localFilePath(url) === resolve(rendererIndexPath);
}

/** The frame that sent an IPC message, as Electron describes it (null once the frame is gone). */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** Only our renderer's top-level frame may call the studio; iframes, other pages and dead frames may not. */
export function isTrustedSender(
  frame: SenderFrameLike | null | undefined,
  rendererIndexPath: string,
): boolean {
  if (!frame) return false;
  if (frame.parent !== null && frame.parent !== undefined) return false;
  return isRendererUrl(frame.url, rendererIndexPath);
}

/** Navigation away from the renderer is never allowed (links to the web are not opened in-app). */
export function isNavigationAllowed(url: string, rendererIndexPath: string): boolean {
  return isRendererUrl(url, rendererIndexPath);
}

/**
 * May the window load this file:// URL? Only files inside the renderer's folder (dist/renderer): the page,
 * its scripts, styles, fonts and workers. Everything else on disk stays out of reach.
 */
export function isRendererAsset(url: string, rendererIndexPath: string): boolean {
  const path = localFilePath(url);
  if (path === null) return false;
  const rel = relative(dirname(resolve(rendererIndexPath)), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
