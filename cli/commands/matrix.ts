import { connectClient } from '../../core/connections/connect.js';
import { systemEnvironment } from '../../core/connections/environment.js';
import { resolveConnection } from '../../core/connections/resolve.js';
import { loadPostgrestConfig } from '../../core/act-as/config/index.js';
import { exportMatrixTests } from '../../core/rls/export.js';
import { computeMatrix } from '../../core/rls/matrix.js';
import { formatDifferences, formatMatrix } from '../../core/rls/format.js';
import { diffMatrix, readExpectation, readPersonasFile } from '../../core/rls/personas-file.js';
import { parseCommandArgs, required, UsageError } from '../args.js';
import { POSTGREST_VERSION_OPTIONS, postgrestVersionFrom } from '../postgrest-version-option.js';
import type { Command } from '../command.js';
import { assumedConfigNotice } from './config-notice.js';
import { plural } from '../../shared/text/plural.js';

const usage = `Usage: gatehouse matrix --db URI --config postgrest.conf --personas personas.json [--json] [--expect FILE]
                        [--export pgtap|sql] [--postgrest-version 12|13|14|16]

Prints who sees what: every persona × every relation of db-schemas × select, insert, update and delete. SELECT
counts the rows the persona sees; INSERT, UPDATE and DELETE are probed with real statements in transactions
that are always rolled back (nothing is ever changed). Each cell says which grant, policy or missing privilege
decided. A persona acts as the act-as simulator makes it: its role from the role claim or db-anon-role, its
claims, headers and cookies, and db-pre-request.

  --db URI          the database, as a role that may SET ROLE to the personas' roles
  --config FILE     your postgrest.conf (PGRST_* variables override it)
  --personas FILE   [{"name": "alice", "claims": {"role": "app_user", "sub": "1"}},
                     {"name": "anonymous", "claims": null}]  (optional "headers" and "cookies" objects)
  --json            print {"cells": [{"persona", "relation", "command", "allowed", "rows"?, "reason"}]}
  --expect FILE     compare with a committed matrix (the output of --json): exit 1 and print the cells
                    whose verdict differs
  --export FORMAT   print the matrix as tests to keep: pgtap (run with pg_prove) or sql (plain assertions,
                    run with psql -v ON_ERROR_STOP=1); both pass on this database and roll back
  --postgrest-version N   the PostgREST major the personas' requests are answered as (default 16)

Exit status: 0 printed (or matches --expect), 1 differs, bad persona or connection failure, 2 usage error.

Example:
  gatehouse matrix --db postgresql://developer@localhost/app --config postgrest.conf \\
    --personas personas.json --expect rls-matrix.json`;

export const matrixCommand: Command = {
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      db: { type: 'string' },
      config: { type: 'string' },
      personas: { type: 'string' },
      json: { type: 'boolean' },
      expect: { type: 'string' },
      export: { type: 'string' },
      ...POSTGREST_VERSION_OPTIONS,
    });
    const exportFormat = values.export;
    if (exportFormat !== undefined && exportFormat !== 'pgtap' && exportFormat !== 'sql')
      throw new UsageError(`--export takes pgtap or sql, not "${exportFormat}".`);
    const db = required(values.db, '--db', '--db postgresql://developer@localhost/app');
    const personasFile = required(values.personas, '--personas', '--personas personas.json');
    if (values.expect === '') throw new UsageError('--expect needs a file (e.g. --expect rls-matrix.json).');
    const personas = await readPersonasFile(personasFile);
    const expected = values.expect !== undefined ? await readExpectation(values.expect) : null;
    const config = loadPostgrestConfig({
      file: values.config ?? null,
      env: io.env,
      postgrestVersion: postgrestVersionFrom(values),
    });
    if (values.config === undefined) io.stderr(assumedConfigNotice(config, 'matrix'));
    const environment = systemEnvironment(io.env);
    const resolved = resolveConnection({ uri: db }, environment);
    const connect = async () => {
      const { client } = await connectClient(resolved, environment);
      client.on('error', () => undefined);
      return client;
    };
    if (exportFormat !== undefined) {
      io.stdout(await exportMatrixTests({ config, personas, connect }, exportFormat));
      return 0;
    }
    const cells = await computeMatrix({ config, personas, connect });
    if (expected !== null) {
      const diffs = diffMatrix(expected, cells);
      if (diffs.length > 0) {
        io.stdout(
          `The matrix differs from ${values.expect} in ${diffs.length} ${plural(diffs.length, 'cell')}:\n` +
            formatDifferences(diffs),
        );
        return 1;
      }
      if (!values.json) {
        io.stdout(`The matrix matches ${values.expect} (${cells.length} cells).\n`);
        return 0;
      }
    }
    io.stdout(values.json ? JSON.stringify({ cells }, null, 2) + '\n' : formatMatrix(cells));
    return 0;
  },
};
