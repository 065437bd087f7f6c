import { rename, writeFile } from 'node:fs/promises';
import { GatehouseError } from '../../shared/errors.js';
import { DIFF_KINDS, isDiffKind, type DiffKind } from '../../shared/diff/diff-kinds.js';
import type { DiffOptions, Migration } from '../../shared/diff/migration.js';
import { EXPORT_FORMATS as exportFormats, type ExportFormat } from '../../shared/diff/export-formats.js';
import { refLabel } from '../../shared/model/refs.js';
import type { SourceProgress } from '../../core/diff/sources/apply-files.js';
import { environmentConnect } from '../../core/diff/sources/connect.js';
import { loadSourcePair, type LoadedSource } from '../../core/diff/sources/load-source.js';
import { ShadowPool } from '../../core/diff/sources/shadow-pool.js';
import { SHADOW_MAJORS } from '../../core/diff/sources/shadow-server.js';
import { deferSqlParser, withSqlParser } from '../../core/ddl/sql-parser.js';
import type { VerifyResult } from '../../core/diff/verify/verify-migration.js';
import { parseCommandArgs, required, UsageError } from '../args.js';
import type { Command, CommandIO } from '../command.js';

const usage = `Usage: gatehouse diff --from SOURCE --to TARGET [-o FILE] [--down FILE] [--schema S]… [--exclude-kind K]…
       [--renames] [--ignore-column-order] [--ignore-owners] [--ignore-grants] [--include-roles] [--verify] [--json]
       [--pg-major N] [--shadow URI] [--progress] [--export DIR --format F --name NAME]

Prints the migration that turns SOURCE into TARGET: ordered DDL with each statement's hazards as comments above
it, its own BEGIN/COMMIT around the transactional part (statements PostgreSQL refuses in a transaction stand
outside it). Prints nothing when the two are equal.

SOURCE and TARGET are each one of:
  postgres://…        a live database (PG* variables and ~/.pgpass apply)
  FILE (snapshot)     a model written by \`gatehouse snapshot\`
  FILE.sql            a .sql file, applied to a throwaway shadow PostgreSQL and read back
  FOLDER              a migrations folder, applied in its tool's order to a shadow PostgreSQL: sqitch
                      (sqitch.plan), supabase (supabase/migrations), Flyway (V1__x.sql, then R__x.sql), golang-migrate
                      (*.up.sql), dbmate (-- migrate:up sections), nested folders, or plain sorted .sql files
The shadow runs the other side's major when it is a database or a snapshot, else --pg-major (default 18).

  -o, --output FILE       write the migration to FILE instead of stdout (only once everything succeeded)
  --down FILE             also write the reverse migration (TARGET → SOURCE) to FILE
  --schema S              compare only schema S (repeatable)
  --exclude-kind K        leave out one kind of object (repeatable): ${DIFF_KINDS.join(', ')}
  --renames               carry out the renames the diff detects instead of drop + add
  --ignore-column-order   do not rebuild tables whose columns only differ in order
  --ignore-owners, --ignore-grants, --include-roles   what to compare (roles are cluster-wide: off by default)
  --verify                apply the migration to a shadow copy of SOURCE and diff again: exit 2 if anything remains
  --json                  print {from, to, migration, down, verify} as JSON instead of SQL
  --pg-major N            the shadow's PostgreSQL major when no side decides it (${SHADOW_MAJORS.join(', ')})
  --shadow URI            use this server for shadow databases instead of starting one (needs CREATE DATABASE)
  --progress              report progress on stderr (the default when stderr is a terminal)
  --export DIR            also write the migration into the migrations folder DIR, as --format lays it out:
  --format F              ${exportFormats.join(', ')}
  --name NAME             the exported migration's name (e.g. add_members)

Exit status: 0 done (also when equal), 1 error (nothing written), 2 --verify found a residue, or a usage error.

Examples:
  gatehouse diff --from postgresql://app@prod/app --to supabase/migrations
  gatehouse diff --from prod.snapshot.json --to db/ --verify -o migration.sql --down down.sql
  gatehouse diff --from postgresql://localhost/app --to schema/ --export db/migrations --format dbmate --name add_members`;

/**
 * What runs after the read: the diff engine, the DDL writer, export and verification (a few hundred KB of code
 * to evaluate). Imported while the servers compute two live sides' fingerprints, not before the connections.
 */
function loadEngine() {
  return Promise.all([
    import('../../core/diff/index.js'),
    import('../../core/diff/export/render-script.js'),
    import('../../core/diff/export/export-folder.js'),
    import('../../core/diff/verify/verify-migration.js'),
  ]).then(([engine, render, exporting, verify]) => ({
    diff: engine.diffModels,
    downMigration: engine.downMigration,
    ...render,
    exportMigration: exporting.exportMigration,
    verifyMigration: verify.verifyMigration,
  }));
}

function kinds(values: readonly string[] | undefined): DiffKind[] {
  return (values ?? []).map((k) => {
    if (!isDiffKind(k))
      throw new UsageError(`--exclude-kind "${k}" is not a kind; use one of ${DIFF_KINDS.join(', ')}.`);
    return k;
  });
}

function major(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!SHADOW_MAJORS.includes(n))
    throw new UsageError(`--pg-major must be one of ${SHADOW_MAJORS.join(', ')} (got "${value}").`);
  return n;
}

/** How a side was read, for stderr and --json. */
function describe(s: LoadedSource): string {
  switch (s.spec.kind) {
    case 'live':
      return `${s.label} (PostgreSQL ${s.model.server.version})`;
    case 'snapshot':
      return `${s.label} (snapshot of PostgreSQL ${s.model.server.major})`;
    default:
      return `${s.label} (${s.convention === 'file' ? '.sql file' : `${s.convention} folder, ${s.files.length} ${s.files.length === 1 ? 'file' : 'files'}`}, read through shadow PostgreSQL ${s.model.server.version})`;
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.gatehouse-${process.pid}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (error) {
    throw new GatehouseError('GH1010', `Could not write ${path}: ${(error as Error).message}`, {
      hint: 'Check that the folder exists and is writable.',
    });
  }
}

function progressPrinter(io: CommandIO, on: boolean): ((p: SourceProgress) => void) | undefined {
  if (!on) return undefined;
  return (p) =>
    io.stderr(
      p.step === 'apply' ? `  [${p.index}/${p.total}] ${p.file}\n` : `gatehouse diff: ${p.message}\n`,
    );
}

function residueReport(v: VerifyResult, renderMigration: (m: Migration) => string): string {
  const lines = [
    `gatehouse diff: NOT verified: after the migration, ${v.shadow} still differs from the target in ${v.unexpected.length} ${v.unexpected.length === 1 ? 'change' : 'changes'}:`,
    ...v.unexpected.map((c) => `  ${c.action} ${c.kind} ${refLabel(c.object)}: ${c.summary}`),
  ];
  for (const n of v.notCopied) lines.push(`  not copied to the shadow: ${refLabel(n.object)}: ${n.reason}`);
  if (v.copyDifferences !== null)
    lines.push(
      `  (the shadow copy already differed from the source before the migration in ${v.copyDifferences.changes.length} changes: ${v.copyDifferences.changes
        .slice(0, 5)
        .map((c) => refLabel(c.object))
        .join(', ')})`,
    );
  const sql = v.residue.cycles.length === 0 ? renderMigration(v.residue) : '';
  if (sql !== '')
    lines.push(
      '  residue as SQL:',
      ...sql
        .trimEnd()
        .split('\n')
        .map((l) => `    ${l}`),
    );
  return `${lines.join('\n')}\n`;
}

export const diffCommand: Command = {
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      from: { type: 'string' },
      to: { type: 'string' },
      output: { type: 'string', short: 'o' },
      down: { type: 'string' },
      schema: { type: 'string', multiple: true },
      'exclude-kind': { type: 'string', multiple: true },
      renames: { type: 'boolean' },
      'ignore-column-order': { type: 'boolean' },
      'ignore-owners': { type: 'boolean' },
      'ignore-grants': { type: 'boolean' },
      'include-roles': { type: 'boolean' },
      verify: { type: 'boolean' },
      json: { type: 'boolean' },
      'pg-major': { type: 'string' },
      shadow: { type: 'string' },
      progress: { type: 'boolean' },
      export: { type: 'string' },
      format: { type: 'string' },
      name: { type: 'string' },
    });
    const from = required(values.from, '--from', '--from postgresql://app@localhost/app');
    const to = required(values.to, '--to', '--to supabase/migrations');
    const excludeKinds = kinds(values['exclude-kind']);
    const pgMajor = major(values['pg-major']);
    let format: ExportFormat | undefined;
    if (values.export !== undefined) {
      if (!exportFormats.includes(values.format as ExportFormat))
        throw new UsageError(`--export needs --format, one of ${exportFormats.join(', ')}.`);
      format = values.format as ExportFormat;
      required(values.name, '--name', '--name add_members');
    } else if (values.format !== undefined || values.name !== undefined)
      throw new UsageError('--format and --name go with --export DIR.');
    const options: DiffOptions = {
      ...(values.schema ? { schemas: values.schema } : {}),
      ...(excludeKinds.length > 0 ? { excludeKinds } : {}),
      ...(values['ignore-owners'] ? { ignoreOwners: true } : {}),
      ...(values['ignore-grants'] ? { ignoreGrants: true } : {}),
      ...(values['include-roles'] ? { includeRoles: true } : {}),
      ...(values['ignore-column-order'] ? { ignoreColumnOrder: true } : {}),
      ...(values.renames ? { renames: 'all' as const } : {}),
      // The side-by-side SQL of each change is for the studio and --json; the SQL printed needs none of it.
      ...(values.json ? {} : { objectSql: false }),
    };
    const onProgress = progressPrinter(io, values.progress === true || process.stderr.isTTY === true);
    const connect = environmentConnect(io.env);
    const pool = new ShadowPool({
      connect,
      ...(values.shadow !== undefined ? { shadowUri: values.shadow } : {}),
    });
    // A plain diff loads the SQL parser only if it meets a text it needs the parser for (core/ddl/sql-parser.ts):
    // verification and export write whole databases and files, and load it up front.
    if (values.verify !== true && values.export === undefined) deferSqlParser();
    let engine: ReturnType<typeof loadEngine> | undefined;
    const loadedEngine = () => (engine ??= loadEngine());
    try {
      const pair = await loadSourcePair(
        from,
        to,
        {
          connect,
          ...(pgMajor !== undefined ? { pgMajor } : {}),
          ...(onProgress ? { onProgress } : {}),
          // Verification diffs the shadow against the whole target model: only a plain diff can leave out
          // the tables equal on both sides.
          leaveOutEqualTables: values.verify !== true,
          // Its failure, if any, surfaces where it is awaited below.
          whileReading: () => void loadedEngine().catch(() => undefined),
        },
        pool,
      );
      const {
        diff,
        downMigration,
        assertOrdered,
        renderMigration,
        unwritableLines,
        exportMigration,
        verifyMigration,
      } = await loadedEngine();
      onProgress?.({ step: 'read', message: `from ${describe(pair.from)}` });
      onProgress?.({ step: 'read', message: `to ${describe(pair.to)}` });
      if (pair.leftOutEqual !== undefined)
        onProgress?.({
          step: 'read',
          message: `${pair.leftOutEqual} ${pair.leftOutEqual === 1 ? 'relation' : 'relations'} equal on both sides (by fingerprint), not read in full`,
        });
      const needDown = values.down !== undefined || values.export !== undefined || values.json === true;
      const { migration, down } = await withSqlParser(() => {
        const up = diff(pair.from.model, pair.to.model, options);
        assertOrdered(up);
        let reverse: Migration | null = null;
        if (needDown) {
          reverse = downMigration(pair.from.model, pair.to.model, up, options, diff);
          assertOrdered(reverse);
        }
        return { migration: up, down: reverse };
      });
      const verification = values.verify
        ? await verifyMigration({
            from: pair.from,
            to: pair.to.model,
            migration,
            options,
            diff,
            pool,
            ...(onProgress ? { onProgress } : {}),
          })
        : null;

      const headerOf = (m: Migration, a: LoadedSource, b: LoadedSource) =>
        m.equal
          ? ''
          : `-- gatehouse diff: the migration from ${describe(a)}\n--   to ${describe(b)}\n` +
            (verification !== null && m === migration
              ? `-- ${verification.verified ? 'verified' : 'NOT verified'} on ${verification.shadow}\n`
              : '') +
            '\n';
      const sql = migration.equal ? '' : headerOf(migration, pair.from, pair.to) + renderMigration(migration);
      const downSql =
        down === null || down.equal ? '' : headerOf(down, pair.to, pair.from) + renderMigration(down);
      const text = values.json
        ? `${JSON.stringify(
            {
              from: {
                source: from,
                kind: pair.from.spec.kind,
                convention: pair.from.convention,
                description: describe(pair.from),
              },
              to: {
                source: to,
                kind: pair.to.spec.kind,
                convention: pair.to.convention,
                description: describe(pair.to),
              },
              migration,
              sql,
              down,
              verify: verification && {
                verified: verification.verified,
                shadow: verification.shadow,
                residue: verification.residue,
                unexpected: verification.unexpected,
                leftOut: verification.leftOut,
                copyDifferences: verification.copyDifferences,
                notCopied: verification.notCopied,
              },
            },
            null,
            2,
          )}\n`
        : sql;

      // Everything is computed: only now is anything written.
      if (values.output !== undefined) await writeAtomically(values.output, text);
      else io.stdout(text);
      if (values.down !== undefined) await writeAtomically(values.down, downSql);
      if (values.export !== undefined && format !== undefined && down !== null) {
        if (migration.equal) io.stderr('gatehouse diff: the two sides are equal: nothing to export.\n');
        else {
          const files = await exportMigration({
            dir: values.export,
            format,
            name: values.name!,
            up: migration,
            down,
            description: `${pair.from.label} → ${pair.to.label}`,
          });
          for (const f of files)
            io.stderr(`gatehouse diff: ${f.mode === 'append' ? 'appended to' : 'wrote'} ${f.path}\n`);
        }
      }
      // Changes whose object no statement creates: named, never left silent.
      for (const line of unwritableLines(migration)) io.stderr(`gatehouse diff: ${line}\n`);
      if (verification !== null && !verification.verified) {
        io.stderr(residueReport(verification, renderMigration));
        return 2;
      }
      if (verification !== null) io.stderr(`gatehouse diff: verified on ${verification.shadow}.\n`);
      return 0;
    } finally {
      await pool.close();
    }
  },
};
