import { loadPostgrestConfig } from '../../core/act-as/config/index.js';
import { configRefusal } from '../../core/act-as/versions.js';
import { GatehouseError } from '../../shared/errors.js';
import { startActAsServer } from '../../core/act-as/serve.js';
import { parseCommandArgs, portFlag, required } from '../args.js';
import type { Command } from '../command.js';
import {
  POSTGREST_VERSION_OPTIONS,
  POSTGREST_VERSION_USAGE,
  postgrestVersionFrom,
} from '../postgrest-version-option.js';
import { assumedConfigNotice } from './config-notice.js';

export { startActAsServer, type ActAsServer } from '../../core/act-as/serve.js';

const usage = `Usage: gatehouse serve --db URI --config postgrest.conf [--port N] ${POSTGREST_VERSION_USAGE}

A PostgREST-compatible HTTP endpoint on 127.0.0.1 answered by the act-as simulator: requests carry their own
Authorization header and commit or roll back as db-tx-end and Prefer: tx say, like PostgREST. Stop with Ctrl-C.
POST /_gatehouse/reload, SIGUSR1 or NOTIFY pgrst, 'reload schema' (db-channel, db-channel-enabled) reloads the
schema cache and role settings.

  --db URI        the database, as the role that owns the API objects (the authenticator is taken from
                  the config's db-uri when it carries a password)
  --config FILE   your postgrest.conf (PGRST_* variables override it); without it PostgREST's defaults apply
  --port N        port on 127.0.0.1 (default 3000; 0 picks a free one)
  --postgrest-version N  the PostgREST major to answer as: 12, 13, 14 or 16 (default 16)

Example:
  gatehouse serve --db postgresql://developer@localhost/app --config postgrest.conf --port 3000
  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3000/orders`;

export const serveCommand: Command = {
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      db: { type: 'string' },
      config: { type: 'string' },
      port: { type: 'string', short: 'p' },
      ...POSTGREST_VERSION_OPTIONS,
    });
    const db = required(values.db, '--db', '--db postgresql://developer@localhost/app');
    const port = portFlag(values.port, 3000);
    const config = loadPostgrestConfig({
      file: values.config ?? null,
      env: io.env,
      postgrestVersion: postgrestVersionFrom(values),
    });
    if (values.config === undefined) io.stderr(assumedConfigNotice(config, 'serve'));
    // Like the PostgREST it stands in for, serve does not start with a configuration that major refuses.
    const refused = configRefusal(config);
    if (refused)
      throw new GatehouseError('GH521', refused, {
        hint: 'Change jwt-role-claim-key in the configuration, or pass the --postgrest-version you run.',
      });
    const server = await startActAsServer({
      db,
      config,
      port,
      onListenerEvent: (e) => {
        if (e.type === 'listening') io.stderr(`listening for schema reloads on channel ${e.channel}\n`);
        else if (e.type === 'reload') io.stderr(`schema cache reloaded (${e.reason})\n`);
        else
          io.stderr(`schema listener lost its connection (${e.error}); retrying in ${e.retryInMs / 1000}s\n`);
      },
    });
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
