import type { Severity } from '../../shared/contract/advisor.js';
import { formatFindings, openFindings } from '../../core/advisor/index.js';
import { parseCommandArgs, required, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { runAdvisor } from './advisor-input.js';

const usage = `Usage: gatehouse advise --db URI --config postgrest.conf [--json] [--fail-on error|warning|info] [--ack FILE]

Reviews the database as PostgREST exposes it: the authenticator and request roles, tables without row-level
security, policies that let anyone write, functions everyone may call, views that bypass RLS, grants to PUBLIC,
settings PostgREST would trip on, and policy costs. Each finding names its objects, says why it matters and
prints the DDL that fixes it. Without a usable postgrest.conf the advisor says what it assumed and still runs.

  --db URI          the database (PG* variables, the service file and ~/.pgpass apply as in psql)
  --config FILE     your postgrest.conf (PGRST_* variables override it)
  --json            print the report as JSON (findings, reach map, assumptions)
  --fail-on LEVEL   exit 1 when unacknowledged findings of LEVEL or worse remain (default: error)
  --ack FILE        acknowledgements (default: gatehouse-advisor.json beside --config); an acknowledgement
                    names a finding, its object and the object's fingerprint, and lapses when the object changes

Examples:
  gatehouse advise --db postgresql://developer@localhost/app --config postgrest.conf
  gatehouse advise --db "$DATABASE_URL" --config deploy/postgrest.conf --fail-on warning --json > advisor.json`;

const LEVELS: readonly Severity[] = ['error', 'warning', 'info'];

export const adviseCommand: Command = {
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      db: { type: 'string' },
      config: { type: 'string' },
      json: { type: 'boolean' },
      'fail-on': { type: 'string' },
      ack: { type: 'string' },
    });
    const db = required(values.db, '--db', '--db postgresql://developer@localhost/app');
    const failOn = values['fail-on'] ?? 'error';
    if (!(LEVELS as readonly string[]).includes(failOn))
      throw new UsageError(`--fail-on takes error, warning or info, not "${failOn}".`);
    const report = await runAdvisor({ db, config: values.config, ack: values.ack }, io);
    io.stdout(values.json ? JSON.stringify(report, null, 2) + '\n' : formatFindings(report));
    const open = openFindings(report, failOn as Severity);
    if (open.length > 0 && !values.json)
      io.stderr(`gatehouse advise: ${open.length} finding(s) at --fail-on ${failOn} or worse remain.\n`);
    return open.length > 0 ? 1 : 0;
  },
};
