import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createStudioContext, type StudioContext } from '../core/app/context.js';
import { handlers } from '../core/app/handlers.js';
import { startBrowserServer, type RunningBrowserServer } from './browser-server.js';

export interface DevStudio {
  readonly server: RunningBrowserServer;
  readonly context: StudioContext;
  close(): Promise<void>;
}

/**
 * The browser-mode studio with the real handlers and a private data dir (no saved connections leak in from
 * the user's own). Used by the e2e stories and by `npx tsx server/dev.ts` while working on the renderer.
 */
export async function startDevStudio(
  options: { dataDir?: string; port?: number; staticDir?: string } = {},
): Promise<DevStudio> {
  const context = createStudioContext({
    mode: 'browser',
    version: 'dev',
    dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), 'gatehouse-dev-')),
  });
  const server = await startBrowserServer({
    handlers,
    context,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.staticDir !== undefined ? { staticDir: options.staticDir } : {}),
  });
  return {
    server,
    context,
    close: async () => {
      await server.close();
      await context.connections.closeAll();
    },
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const port = value('--port');
  const dataDir = value('--data-dir');
  const studio = await startDevStudio({
    ...(port !== undefined ? { port: Number(port) } : {}),
    ...(dataDir !== undefined ? { dataDir } : {}),
  });
  process.stdout.write(`Gatehouse (dev) at ${studio.server.url}\n`);
  const stop = () => void studio.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
