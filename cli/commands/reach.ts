import { reachOfRole } from '../../shared/contract/advisor.js';
import { GatehouseError } from '../../shared/errors.js';
import { formatReach } from '../../core/advisor/index.js';
import { parseCommandArgs, required } from '../args.js';
import type { Command } from '../command.js';
import { runAdvisor } from './advisor-input.js';

const usage = `Usage: gatehouse reach --db URI --config postgrest.conf [--role R] [--json]

For each role PostgREST runs requests as — db-anon-role and every role the authenticator may become — every
endpoint it can reach: each exposed table and view with the HTTP methods its grants allow (and which columns),
each RPC it may call (GET and POST, or POST only for volatile functions), and whether RLS filters the rows.

  --db URI        the database (PG* variables, the service file and ~/.pgpass apply as in psql)
  --config FILE   your postgrest.conf (PGRST_* variables override it)
  --role R        only this request role
  --json          print the reach map as JSON

Examples:
  gatehouse reach --db postgresql://developer@localhost/app --config postgrest.conf
  gatehouse reach --db service=app --config postgrest.conf --role web_anon --json`;

export const reachCommand: Command = {
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      db: { type: 'string' },
      config: { type: 'string' },
      role: { type: 'string' },
      json: { type: 'boolean' },
    });
    const db = required(values.db, '--db', '--db postgresql://developer@localhost/app');
    const report = await runAdvisor({ db, config: values.config, ack: undefined }, io);
    let reach = report.reach;
    if (values.role !== undefined) {
      const one = reach.roles.filter((r) => r.role === values.role);
      if (one.length === 0)
        throw new GatehouseError(
          'GH403',
          `"${values.role}" is not a role requests run as with this configuration.`,
          {
            details: `Request roles: ${reach.roles.map((r) => r.role).join(', ') || '(none)'}.`,
            hint: 'Use db-anon-role or a role granted to the authenticator (role names are case-sensitive).',
          },
        );
      reach = reachOfRole(reach, one[0]!);
    }
    for (const a of report.assumptions) io.stderr(`gatehouse reach: assumed: ${a}\n`);
    io.stdout(values.json ? JSON.stringify(reach, null, 2) + '\n' : formatReach(reach));
    return 0;
  },
};
