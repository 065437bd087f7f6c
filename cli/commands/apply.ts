import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { GatehouseError } from '../../shared/errors.js';
import { DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS } from '../../core/changeset/apply.js';
import {
  applySqlFile,
  fileLocation,
  parseSqlFile,
  type FileStatement,
} from '../../core/changeset/sql-file.js';
import { connectClient } from '../../core/connections/connect.js';
import { userDataDir } from '../../core/connections/data-dir.js';
import { systemEnvironment } from '../../core/connections/environment.js';
import { resolveConnection } from '../../core/connections/resolve.js';
import type { Command } from '../command.js';

const usage = `Usage: gatehouse apply FILE.sql --db URI [--lock-timeout MS] [--statement-timeout MS] [--yes-non-transactional]

Applies the statements of FILE.sql (split by PostgreSQL's own parser) to the database at URI in one
transaction, with SET LOCAL lock_timeout and statement_timeout. The first failing statement rolls everything
back: the database is unchanged, and its line in FILE and PostgreSQL's error are printed. Never retried.
Statements that cannot run inside a transaction (CREATE INDEX CONCURRENTLY, VACUUM, ALTER TYPE … ADD VALUE
used later in the file …) are refused unless --yes-non-transactional is given; they then run one by one after
the transaction commits. Each apply is kept in the studio's change set history for that database.

  --db URI                 postgresql:// URI or libpq conninfo (PG* variables, service file, ~/.pgpass apply)
  --lock-timeout MS        how long a statement may wait for a lock (default ${DEFAULT_LOCK_TIMEOUT_MS}; 0 = no limit)
  --statement-timeout MS   how long a statement may run (default ${DEFAULT_STATEMENT_TIMEOUT_MS}; 0 = no limit)
  --yes-non-transactional  run the statements that cannot run in a transaction, after it

Exit status: 0 applied, 1 failed or refused (nothing applied unless the output says otherwise), 2 usage error.`;

/** One line of a statement for the listing. */
const headline = (sql: string) => {
  const first = sql.split('\n')[0]!;
  return first.length > 72 || sql.includes('\n') ? `${first.slice(0, 72)} …` : first;
};

function timeout(value: string | undefined, flag: string, fallback: number): number | string {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 86_400_000)
    return `${flag} takes milliseconds, a whole number from 0 to 86400000 (got "${value}").`;
  return Number(value);
}

export const applyCommand: Command = {
  usage,
  async run(argv, io) {
    const fail = (message: string) => {
      io.stderr(`gatehouse apply: ${message}\n\n${usage}\n`);
      return 2;
    };
    let values: Record<string, string | boolean | undefined>;
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args: [...argv],
        options: {
          db: { type: 'string' },
          'lock-timeout': { type: 'string' },
          'statement-timeout': { type: 'string' },
          'yes-non-transactional': { type: 'boolean' },
        },
        strict: true,
        allowPositionals: true,
      }));
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    }
    if (positionals.length !== 1) return fail('give exactly one SQL file.');
    const file = positionals[0]!;
    const db = values.db;
    if (typeof db !== 'string' || db === '') return fail('--db is required.');
    const lockTimeoutMs = timeout(
      values['lock-timeout'] as string | undefined,
      '--lock-timeout',
      DEFAULT_LOCK_TIMEOUT_MS,
    );
    if (typeof lockTimeoutMs === 'string') return fail(lockTimeoutMs);
    const statementTimeoutMs = timeout(
      values['statement-timeout'] as string | undefined,
      '--statement-timeout',
      DEFAULT_STATEMENT_TIMEOUT_MS,
    );
    if (typeof statementTimeoutMs === 'string') return fail(statementTimeoutMs);

    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new GatehouseError('GH608', `Could not read ${file}: ${(error as Error).message}`, {
        hint: 'Check the path and that the file is readable.',
      });
    }
    const parsed = await parseSqlFile(text, file);
    if (parsed.length === 0) {
      io.stdout(`Nothing to apply: ${file} holds no statements.\n`);
      return 0;
    }

    const environment = systemEnvironment(io.env);
    const { client, target } = await connectClient(resolveConnection({ uri: db }, environment), environment);
    client.on('error', () => undefined);
    let result;
    try {
      result = await applySqlFile(client, parsed, file, {
        lockTimeoutMs,
        statementTimeoutMs,
        confirmNonTransactional: values['yes-non-transactional'] === true,
        host: target.host,
        port: target.port,
        dataDir: userDataDir(io.env),
      });
    } finally {
      await client.end().catch(() => undefined);
    }
    const { run, statements } = result;
    const byId = new Map(statements.map((s) => [s.id, s]));
    const where = (s: FileStatement) => `${file} line ${s.line}`;

    if (run.outcome === 'needs-confirmation') {
      const after = statements.filter((s) => s.phase === 'after');
      io.stderr(
        `gatehouse apply: nothing applied: ${after.length === 1 ? 'statement' : 'statements'} ${after
          .map((s) => `${s.id.slice('statement-'.length)} (${where(s)})`)
          .join(
            ', ',
          )} cannot run inside a transaction; rerun with --yes-non-transactional to run ${after.length === 1 ? 'it' : 'them'} after the transaction.\n` +
          after.map((s) => `  ${where(s)}: ${s.reason}\n`).join(''),
      );
      return 1;
    }

    for (const s of run.statements) {
      if (s.status !== 'applied') continue;
      const f = byId.get(s.id)!;
      io.stdout(
        `${s.phase === 'after' ? 'ran after the transaction' : 'ran'}  [${s.index + 1}] ${where(f)}  ${headline(s.sql)}  (${s.ms ?? 0} ms)\n`,
      );
    }
    if (result.historyError) io.stderr(`gatehouse apply: not kept in the history: ${result.historyError}\n`);

    if (run.outcome === 'applied') {
      io.stdout(`${run.summary}\n`);
      return 0;
    }
    const failure = run.failure;
    const failed = failure?.id ? byId.get(failure.id) : undefined;
    const error = failure?.error;
    const lines: string[] = [];
    if (failed && error) {
      lines.push(
        `gatehouse apply: statement ${failure!.index! + 1} (${where(failed)}) failed: ${error.message}`,
      );
      if (error.line !== null && error.column !== null) {
        const at = fileLocation(failed, { line: error.line, column: error.column });
        const source = text.split('\n')[at.line - 1] ?? '';
        lines.push(
          `  at ${file} line ${at.line}, column ${at.column}:`,
          `  ${source}`,
          `  ${' '.repeat(at.column - 1)}^`,
        );
      }
    } else {
      lines.push(`gatehouse apply: ${run.summary}`);
    }
    if (error?.sqlstate) lines.push(`  SQLSTATE ${error.sqlstate}`);
    if (error?.detail) lines.push(`  detail: ${error.detail}`);
    if (error?.hint) lines.push(`  hint: ${error.hint}`);
    if (error?.where) lines.push(`  where: ${error.where}`);
    lines.push(
      run.outcome === 'failed'
        ? error?.connectionLost
          ? '  The connection was lost; the server rolled the transaction back: nothing was applied.'
          : '  Rolled back: nothing was applied.'
        : `  ${run.summary}`,
    );
    io.stderr(lines.filter((l) => l !== '').join('\n') + '\n');
    return 1;
  },
};
