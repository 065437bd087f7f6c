import { readFile } from 'node:fs/promises';
import { GatehouseError } from '../../shared/errors.js';
import { TargetsByConfig } from '../../core/act-as/conformance/case-config.js';
import { loadCases } from '../../core/act-as/conformance/cases.js';
import { inVersionRange } from '../../core/act-as/versions.js';
import { POSTGREST_VERSION_OPTIONS, postgrestVersionFrom } from '../postgrest-version-option.js';
import { FixtureDatabases } from '../../core/act-as/conformance/databases.js';
import { knownDeviations } from '../../core/act-as/conformance/known-deviations.js';
import { runCases } from '../../core/act-as/conformance/runner.js';
import { simulatorTarget } from '../../core/act-as/conformance/target.js';
import { loadPostgrestConfig } from '../../core/act-as/config/index.js';
import { defaultStages } from '../../core/act-as/default-stages.js';
import { parseCommandArgs, required, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { serveTarget } from '../../core/act-as/conformance/serve-target.js';

const usage = `Usage: gatehouse conformance CASES.json --fixture FIXTURE.sql --config postgrest.conf [--db SUPERUSER_URI] [--filter ID_PREFIX] [--via-serve] [--postgrest-version 12|13|14|16]

Runs PostgREST conformance cases against the act-as simulator. The fixture is loaded once into a fresh database
(an embedded PostgreSQL 18 in a temporary directory, or a new database on --db's server), and every case that
writes gets its own copy of it. Prints FAIL <id>: <what differs> per failure, then "N passed, N failed".
Exit code 1 when any case failed (known deviations are reported, not counted as failures).
--via-serve sends every case over HTTP to a "gatehouse serve" endpoint instead of calling the simulator.
--postgrest-version answers as that PostgREST major (default 16) and runs the cases whose since/until admit it;
a case's own "config" settings are added to the config file for it.

  --fixture FILE    the SQL the cases were written for          --config FILE  the cases' postgrest.conf
  --db URI          a superuser URI of a server to use instead of an embedded PostgreSQL 18
  --filter PREFIX   only the cases whose id starts with PREFIX  -v, --verbose  list passing cases too

Example:
  gatehouse conformance test/postgrest-cases/cases.json --fixture test/postgrest-cases/fixture.sql \
    --config test/postgrest-cases/postgrest.conf`;

export const conformanceCommand: Command = {
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        fixture: { type: 'string' },
        config: { type: 'string' },
        db: { type: 'string' },
        filter: { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        'via-serve': { type: 'boolean' },
        ...POSTGREST_VERSION_OPTIONS,
      },
      true,
    );
    const [casesFile, ...extra] = positionals;
    if (casesFile === undefined) throw new UsageError('the cases file is missing (e.g. cases.json).');
    if (extra.length > 0) throw new UsageError(`one cases file only; also got: ${extra.join(' ')}`);
    const fixture = required(values.fixture, '--fixture', '--fixture fixture.sql');
    const configFile = required(values.config, '--config', '--config postgrest.conf');
    const version = postgrestVersionFrom(values);
    const cases = (await loadCases(casesFile)).filter(
      (c) => (!values.filter || c.id.startsWith(values.filter)) && inVersionRange(version, c),
    );
    const config = loadPostgrestConfig({ file: configFile, env: io.env, postgrestVersion: version });
    if (config.jwtSecret === null)
      throw new GatehouseError('GH401', `${configFile}: jwt-secret is not set`, {
        hint: 'The cases sign their JWTs with the config jwt-secret.',
      });
    let fixtureSql: string;
    try {
      fixtureSql = await readFile(fixture, 'utf8');
    } catch (e) {
      throw new GatehouseError('GH511', `${fixture}: cannot read: ${(e as Error).message}`, {
        hint: 'Pass the fixture SQL file the cases were written for.',
      });
    }
    io.stderr(
      values.db ? 'loading the fixture…\n' : 'starting an embedded PostgreSQL 18 and loading the fixture…\n',
    );
    const dbs = values.db
      ? await FixtureDatabases.onServer(values.db, fixtureSql, fixture)
      : await FixtureDatabases.embedded(fixtureSql, fixture);
    const databaseUri = (d: string): string => dbs.uri(d);
    const configText = await readFile(configFile, 'utf8');
    const target = new TargetsByConfig(
      configText,
      version,
      (caseConfig) =>
        values['via-serve']
          ? serveTarget({ config: caseConfig, databaseUri })
          : simulatorTarget({ config: caseConfig, databaseUri, stages: defaultStages }),
      io.env,
    );
    try {
      const summary = await runCases(cases, (c) => target.for(c), dbs, {
        jwtSecret: config.jwtSecret,
        knownDeviations,
        print: (line) => io.stdout(line + '\n'),
      });
      if (values.verbose)
        for (const r of summary.results)
          if (r.outcome === 'pass') io.stdout(`ok ${r.id} (${r.ms.toFixed(0)} ms)\n`);
      return summary.failed > 0 ? 1 : 0;
    } finally {
      await target.close();
      await dbs.close();
    }
  },
};
