import { parseArgs } from 'node:util';
import { loadPostgrestConfig } from '../../core/act-as/config/index.js';
import { startActAsServer } from '../../core/act-as/serve.js';
import type { Command } from '../command.js';
import {
  POSTGREST_VERSION_OPTIONS,
  POSTGREST_VERSION_USAGE,
  postgrestVersionFrom,
} from '../postgrest-version-option.js';

export { startActAsServer, type ActAsServer } from '../../core/act-as/serve.js';

const usage = `Usage: gatehouse serve --db URI --config postgrest.conf [--port N] ${POSTGREST_VERSION_USAGE}

A PostgREST-compatible HTTP endpoint on 127.0.0.1 answered by the act-as simulator: requests carry their own
Authorization header and commit or roll back as db-tx-end and Prefer: tx say, like PostgREST. Stop with Ctrl-C.
POST /_gatehouse/reload (or SIGUSR1) reloads the schema cache and role settings.`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve a PostgREST-compatible endpoint on 127.0.0.1, answered by the act-as simulator.',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        db: { type: 'string' },
        config: { type: 'string' },
        port: { type: 'string', short: 'p' },
        ...POSTGREST_VERSION_OPTIONS,
      },
    });
    if (!values.db) {
      io.stderr(usage + '\n');
      return 2;
    }
    const config = loadPostgrestConfig({
      file: values.config ?? null,
      env: io.env,
      postgrestVersion: postgrestVersionFrom(values),
    });
    const port = values.port === undefined ? 3000 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr(`gatehouse serve: --port must be 0-65535, got ${values.port}\n`);
      return 2;
    }
    const server = await startActAsServer({ db: values.db, config, port });
    io.stdout(
      `serving PostgREST ${config.postgrestVersion}-compatible act-as on ${server.url} (Ctrl-C to stop)\n`,
    );
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
