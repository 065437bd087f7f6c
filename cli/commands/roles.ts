import { loadPostgrestConfig } from '../../core/act-as/config/index.js';
import { formatRoles, rolesReport } from '../../core/roles/report.js';
import { postgrestRoleConfig } from '../../shared/roles/postgrest-config.js';
import { parseCommandArgs, required } from '../args.js';
import type { Command } from '../command.js';
import { readModel } from './read-model.js';

const usage = `Usage: gatehouse roles --db URI [--config FILE] [--json] [--system]

Prints the role graph of the database at URI: every role with its attributes (LOGIN, SUPERUSER, BYPASSRLS,
NOINHERIT, connection limit, whether a password is set — never the hash), its memberships with their ADMIN,
INHERIT and SET options and grantors, and the PostgREST shape recognised in it: the authenticator (db-uri's
user in --config, or inferred: a LOGIN NOINHERIT role granted the request roles), db-anon-role, the request
roles it may SET ROLE to, the owners of the exposed schemas, and what cannot work.

  --db URI       the database (a postgresql:// URI or a libpq conninfo string; PG* variables apply)
  --config FILE  your postgrest.conf (PGRST_* variables override it): db-uri, db-anon-role, db-schemas
  --json         print the report as JSON
  --system       also list the predefined pg_* roles in the readable report

Examples:
  gatehouse roles --db postgresql://developer@localhost/app --config postgrest.conf
  gatehouse roles --db service=app --json | jq '.postgrest.problems'`;

export const rolesCommand: Command = {
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      db: { type: 'string' },
      config: { type: 'string' },
      json: { type: 'boolean' },
      system: { type: 'boolean' },
    });
    const db = required(values.db, '--db', '--db postgresql://developer@localhost/app');
    const config =
      values.config === undefined && !Object.keys(io.env).some((k) => k.startsWith('PGRST_'))
        ? {}
        : postgrestRoleConfig(loadPostgrestConfig({ file: values.config ?? null, env: io.env }));
    const model = await readModel(db, io);
    const report = rolesReport(model, config);
    io.stdout(
      values.json === true
        ? JSON.stringify(report, null, 2) + '\n'
        : formatRoles(report, { system: values.system ?? false }),
    );
    return 0;
  },
};
