import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createStudioContext } from '../../core/app/context.js';
import { handlers } from '../../core/app/handlers.js';
import { userDataDir } from '../../core/connections/data-dir.js';
import { startEmbeddedDefault } from '../../core/embedded/default.js';
import { openEmbeddedDemo } from '../../core/embedded/open-demo.js';
import { startBrowserServer } from '../../server/index.js';
import type { Command, CommandIO } from '../command.js';
import { gatehouseVersion } from '../version.js';
import { browserCommand, parseStartArgs, type StartOptions } from './start-args.js';

const usage = `Usage: gatehouse start [--port N] [--no-open]

Starts an embedded PostgreSQL 18 (data kept in <data dir>/embedded, reused on the next start), seeds the
demo database gatehouse_demo on first run, writes a matching postgrest.conf beside it, and opens the
studio in your browser connected as the owner role "developer".

Options:
  --port N    port of the studio's browser server on 127.0.0.1 (default: a free port)
  --no-open   print the address instead of opening a browser (also when CI=true)

Example:
  gatehouse start --port 4321 --no-open

The data dir is GATEHOUSE_DATA_DIR, else XDG_DATA_HOME/gatehouse (~/.local/share/gatehouse),
~/Library/Application Support/gatehouse on macOS, %APPDATA%\\gatehouse on Windows.`;

function openBrowser(url: string, env: NodeJS.ProcessEnv): void {
  const how = browserCommand(process.platform, env);
  if (!how) return;
  try {
    const child = spawn(how.command, how.args(url), { stdio: 'ignore', detached: true });
    child.on('error', () => undefined); // No browser: the printed address is enough.
    child.unref();
  } catch {
    // Same: opening a browser is a convenience.
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs the embedded default until `until` settles, then shuts everything down. */
export async function runStart(
  options: StartOptions,
  io: CommandIO,
  until: Promise<unknown>,
): Promise<number> {
  const t0 = Date.now();
  const dataDir = userDataDir(io.env);
  io.stdout(`Starting the embedded PostgreSQL in ${join(dataDir, 'embedded')} …\n`);
  const embedded = await startEmbeddedDefault({ dataDir });
  const context = createStudioContext({ mode: 'browser', version: gatehouseVersion(), dataDir });
  try {
    const tDb = Date.now();
    const opened = await openEmbeddedDemo(context, embedded);
    const server = await startBrowserServer({ handlers, context, port: options.port });
    try {
      io.stdout(
        [
          `PostgreSQL ${embedded.cluster.version} on 127.0.0.1:${embedded.cluster.port} ready in ${seconds(tDb - t0)}` +
            (embedded.firstRun ? ' (first run: cluster initialised, demo database seeded).' : '.'),
          `Connected to gatehouse_demo as "${opened.whoami.currentUser}" (owner, not a superuser).`,
          ...opened.warnings.map((w) => `warning: ${w}`),
          `PostgREST config for the demo: ${embedded.postgrestConfFile}`,
          `Connect to the demo from the CLI or psql (the password is read from the passfile):`,
          `  ${embedded.developerUri}`,
          `  e.g. gatehouse catalog --db '${embedded.developerUri}'`,
          '',
          `Gatehouse studio: ${server.url}`,
          `(started in ${seconds(Date.now() - t0)}; press Ctrl+C to stop)`,
          '',
        ].join('\n'),
      );
      if (options.open) openBrowser(server.url, io.env);
      await until;
      io.stdout('Stopping…\n');
    } finally {
      await server.close();
    }
  } finally {
    await context.connections.closeAll();
    await embedded.stop();
  }
  return 0;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals) => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(signal);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

export const startCommand: Command = {
  usage,
  run: (argv, io) => runStart(parseStartArgs(argv, io.env), io, untilSignal()),
};
