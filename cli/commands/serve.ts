import { parseArgs } from 'node:util';
import { loadPostgrestConfig } from '../../core/act-as/config/index.js';
import { startActAsServer } from '../../core/act-as/serve.js';
import type { Command } from '../command.js';

export { startActAsServer, type ActAsServer } from '../../core/act-as/serve.js';

const usage = `Usage: gatehouse serve --db URI --config postgrest.conf [--port N]

A PostgREST-compatible HTTP endpoint on 127.0.0.1 answered by the act-as simulator: requests carry their own
Authorization header and commit or roll back as db-tx-end and Prefer: tx say, like PostgREST. Stop with Ctrl-C.
POST /_gatehouse/reload, SIGUSR1 or NOTIFY pgrst, 'reload schema' (db-channel, db-channel-enabled) reloads the
schema cache and role settings.`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve a PostgREST-compatible endpoint on 127.0.0.1, answered by the act-as simulator.',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { db: { type: 'string' }, config: { type: 'string' }, port: { type: 'string', short: 'p' } },
    });
    if (!values.db) {
      io.stderr(usage + '\n');
      return 2;
    }
    const config = loadPostgrestConfig({ file: values.config ?? null, env: io.env });
    const port = values.port === undefined ? 3000 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr(`gatehouse serve: --port must be 0-65535, got ${values.port}\n`);
      return 2;
    }
    const server = await startActAsServer({
      db: values.db,
      config,
      port,
      onListenerEvent: (e) => {
        if (e.type === 'listening') io.stderr(`listening for schema reloads on channel ${e.channel}\n`);
        else if (e.type === 'reload') io.stderr(`schema cache reloaded (${e.reason})\n`);
        else
          io.stderr(`schema listener lost its connection (${e.error}); retrying in ${e.retryInMs / 1000}s\n`);
      },
    });
    io.stdout(`serving PostgREST-compatible act-as on ${server.url} (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        process.off('SIGUSR1', server.reload);
        void server.close().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      process.on('SIGUSR1', server.reload);
    });
    return 0;
  },
};
