import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, net, protocol, safeStorage, session } from 'electron';
import { createStudioContext, type StudioContext } from '../core/app/context.js';
import { handlers } from '../core/app/handlers.js';
import { userDataDir } from '../core/connections/data-dir.js';
import { startEmbeddedDefault, type EmbeddedDefault } from '../core/embedded/default.js';
import { openEmbeddedDemo } from '../core/embedded/open-demo.js';
import { hardenSession, hardenWebContents } from './harden.js';
import { registerIpc } from './ipc.js';
import { preloadPath, rendererIndexPath } from './paths.js';
import { SafeStorageSecretStore } from './safe-storage-secrets.js';
import { ELECTRON_CSP, isRendererAsset, mainWindowOptions } from './security.js';

// Every renderer sandboxed, even ones we did not create ourselves.
app.enableSandbox();

let context: StudioContext | null = null;
let embedded: EmbeddedDefault | null = null;

/** The one window factory: every window gets the hardened options and content rules. */
function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndexPath);
  return win;
}

// Applies to every WebContents Electron creates (windows, devtools, anything a bug might open).
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, rendererIndexPath));

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting) return;
  quitting = true;
  event.preventDefault();
  void (async () => {
    await context?.connections.closeAll().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    app.quit();
  })();
});

/**
 * file:// is served by us: only files inside dist/renderer, each with the CSP header (Chromium's own file
 * loader sends no headers, so webRequest alone could not attach it).
 */
function serveRendererFiles(): void {
  protocol.handle('file', async (request) => {
    if (!isRendererAsset(request.url, rendererIndexPath)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(request, { bypassCustomProtocolHandlers: true });
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', ELECTRON_CSP);
    return new Response(response.body, { status: response.status, headers });
  });
}

void app.whenReady().then(async () => {
  hardenSession(session.defaultSession);
  serveRendererFiles();
  const dataDir = userDataDir();
  context = createStudioContext({
    mode: 'desktop',
    version: app.getVersion(),
    dataDir,
    secrets: new SafeStorageSecretStore(join(dataDir, 'secrets.json'), safeStorage),
  });
  registerIpc(ipcMain, { handlers, context, rendererIndexPath });
  // The same zero-configuration default as `gatehouse start`; the studio still opens if it fails.
  try {
    embedded = await startEmbeddedDefault({ dataDir });
    await openEmbeddedDemo(context, embedded);
  } catch (error) {
    console.error(`gatehouse: the embedded demo database did not start: ${String(error)}`);
  }
  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
});
