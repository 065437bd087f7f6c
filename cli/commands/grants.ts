import { explainGrants, formatGrants, grantsReport } from '../../core/grants/report.js';
import { parseCommandArgs, required } from '../args.js';
import type { Command } from '../command.js';
import { readModel } from './read-model.js';

const usage = `Usage: gatehouse grants --db URI --role R [--json]

Prints what role R can do on each object of the database at URI and why: granted directly, via PUBLIC,
inherited through which role (NOINHERIT roles and, on PostgreSQL 16+, each membership's INHERIT option are
followed exactly as PostgreSQL does), through a predefined role, as owner, or as superuser. Column privileges
are listed where R holds them on the column but not on the whole table.

  --db URI   the database (a postgresql:// URI or a libpq conninfo string; PG* variables apply)
  --role R   the role (case-sensitive, as in pg_roles)
  --json     {"role": R, "privileges": [{"object", "kind", "privilege", "column"?, "via"}, …]}

Examples:
  gatehouse grants --db postgresql://developer@localhost/app --role web_anon
  gatehouse grants --db service=app --role app_user --json | jq '.privileges[] | select(.via == "PUBLIC")'`;

export const grantsCommand: Command = {
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      db: { type: 'string' },
      role: { type: 'string' },
      json: { type: 'boolean' },
    });
    const db = required(values.db, '--db', '--db postgresql://developer@localhost/app');
    const role = required(values.role, '--role', '--role web_anon');
    const model = await readModel(db, io);
    if (values.json === true) io.stdout(JSON.stringify(grantsReport(model, role), null, 2) + '\n');
    else io.stdout(formatGrants(role, explainGrants(model, role)));
    return 0;
  },
};
