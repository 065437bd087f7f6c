import type pg from 'pg';
import { GatehouseError } from '../../shared/errors.js';
import { readCatalog } from '../../core/catalog/read-catalog.js';
import { formatCatalogSummary } from '../../core/catalog/summary.js';
import { connectClient } from '../../core/connections/connect.js';
import { systemEnvironment } from '../../core/connections/environment.js';
import { resolveConnection } from '../../core/connections/resolve.js';
import { parseCommandArgs, required } from '../args.js';
import type { Command, CommandIO } from '../command.js';

const usage = `Usage: gatehouse catalog --db URI [--json] [--schema NAME]… [--system]

Reads the catalog of the database at URI (a postgresql:// URI or a libpq conninfo string; PG* variables,
the service file and ~/.pgpass apply as in psql) in one read-only transaction: roles, memberships, schemas,
relations with columns/constraints/indexes/triggers, functions, types, grants, default privileges, RLS
policies and dependencies.

  --json        print the whole catalog model as JSON (otherwise a readable summary)
  --schema NAME read only this schema (repeatable; default: every non-system schema)
  --system      also read pg_catalog and information_schema

Examples:
  gatehouse catalog --db postgresql://developer@localhost:5432/app
  gatehouse catalog --db service=app --schema api --json > catalog.json`;

/** Opens one client for the CLI: libpq-style resolution, sslmode fallbacks and our error codes (GH100/101/109…). */
async function connect(db: string, io: CommandIO): Promise<pg.Client> {
  const environment = systemEnvironment(io.env);
  const resolved = resolveConnection({ uri: db }, environment);
  const { client } = await connectClient(resolved, environment);
  return client;
}

export const catalogCommand: Command = {
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      db: { type: 'string' },
      json: { type: 'boolean' },
      schema: { type: 'string', multiple: true },
      system: { type: 'boolean' },
    });
    const db = required(values.db, '--db', '--db postgresql://developer@localhost:5432/app');
    const client = await connect(db, io);
    // A server-side failure after connecting must not surface as an unhandled 'error' event.
    client.on('error', () => undefined);
    try {
      const catalog = await readCatalog(client, {
        includeSystemSchemas: values.system ?? false,
        ...(values.schema ? { schemas: values.schema } : {}),
      });
      io.stdout(values.json ? JSON.stringify(catalog, null, 2) + '\n' : formatCatalogSummary(catalog));
      return 0;
    } catch (error) {
      if (error instanceof GatehouseError) throw error;
      throw new GatehouseError('GH202', `Reading the catalog failed: ${(error as Error).message}`, {
        hint: 'Please report this with the server version.',
        cause: error,
      });
    } finally {
      await client.end().catch(() => undefined);
    }
  },
};
