import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GatehouseError } from '../../../shared/errors.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/diff/export-formats.js';
import type { Migration } from '../../../shared/diff/migration.js';
import { sqitchDeployScripts } from '../sources/folder-plan.js';
import { versionCompare } from '../sources/natural-order.js';
import { hasNonTransactional, renderMigration, statementText, transactionGroups } from './render-script.js';
import { sqitchVerifyScript } from './sqitch-verify.js';

/**
 * Writes a migration (and its reverse) into a migrations folder the way that folder's tool expects: its file
 * names, its next version, its up/down layout, its transaction conventions. Nothing is overwritten, and nothing
 * is written unless every file can be (names are worked out first, then written).
 */
export const exportFormats = EXPORT_FORMATS;
export type { ExportFormat };

export interface ExportInput {
  readonly dir: string;
  readonly format: ExportFormat;
  /** The migration's name (made safe for file names: letters, digits, `_`). */
  readonly name: string;
  readonly up: Migration;
  /** The reverse migration (diff of to → from); formats without downs (supabase) leave it out. */
  readonly down: Migration;
  /** What the migration goes from and to, for the header comment. */
  readonly description?: string;
  readonly now?: Date;
  /** Sqitch's planner (default: SQITCH_FULLNAME / SQITCH_EMAIL, else the OS user). */
  readonly planner?: { readonly name: string; readonly email: string };
}

export interface ExportedFile {
  readonly path: string;
  readonly content: string;
  /** `append` adds to an existing file (sqitch.plan); `create` refuses to overwrite. */
  readonly mode: 'create' | 'append';
}

const failed = (message: string, hint: string) => new GatehouseError('GH1007', message, { hint });

const slug = (name: string) => {
  const s = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (s === '')
    throw failed(`The migration name "${name}" has no letters or digits.`, 'Pass --name add_members.');
  return s;
};

/** UTC YYYYMMDDHHMMSS, the version Supabase, dbmate and golang-migrate use. */
const stamp = (d: Date) => d.toISOString().replace(/\D/g, '').slice(0, 14);

async function names(dir: string, recursive = false): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive })).map((n) => n.split(/[\\/]/).at(-1)!);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw failed(`Could not read ${dir}: ${(error as Error).message}`, 'Check that the folder is readable.');
  }
}

async function isDir(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

const header = (input: ExportInput, direction: string) =>
  `-- ${direction}: ${input.name}${input.description ? ` (${input.description})` : ''}. Written by gatehouse diff.\n`;

/** dbmate/Flyway wrap each file in a transaction: plain statements, unless some cannot run in one. */
function wrappedBody(m: Migration): string {
  return hasNonTransactional(m) ? renderMigration(m, 'own') : renderMigration(m, 'none');
}

/** The files an export writes (nothing written yet). */
export async function planExport(input: ExportInput): Promise<ExportedFile[]> {
  const name = slug(input.name);
  const now = input.now ?? new Date();
  const up = input.up;
  const down = input.down;
  switch (input.format) {
    case 'supabase': {
      const dir = (await isDir(join(input.dir, 'supabase', 'migrations')))
        ? join(input.dir, 'supabase', 'migrations')
        : input.dir;
      return [
        {
          path: join(dir, `${stamp(now)}_${name}.sql`),
          content: header(input, 'up') + renderMigration(up),
          mode: 'create',
        },
      ];
    }
    case 'dbmate': {
      const noTx = (m: Migration) => (hasNonTransactional(m) ? ' transaction:false' : '');
      const content = `-- migrate:up${noTx(up)}\n${wrappedBody(up)}\n-- migrate:down${noTx(down)}\n${wrappedBody(down)}`;
      return [{ path: join(input.dir, `${stamp(now)}_${name}.sql`), content, mode: 'create' }];
    }
    case 'flyway': {
      const versions = (await names(input.dir, true))
        .map((n) => /^V(\d+(?:[._]\d+)*)__/.exec(n)?.[1])
        .filter((v): v is string => v !== undefined)
        .sort(versionCompare);
      const last = versions.at(-1);
      const next = last === undefined ? 1n : BigInt(last.split(/[._]/)[0]!) + 1n;
      const files: ExportedFile[] = [
        {
          path: join(input.dir, `V${next}__${name}.sql`),
          content: header(input, 'up') + wrappedBody(up),
          mode: 'create',
        },
        // Undo migrations (Flyway Teams): the reverse, under the same version.
        {
          path: join(input.dir, `U${next}__${name}.sql`),
          content: header(input, 'undo') + wrappedBody(down),
          mode: 'create',
        },
      ];
      if (hasNonTransactional(up))
        files.push({
          path: join(input.dir, `V${next}__${name}.sql.conf`),
          content: 'executeInTransaction=false\n',
          mode: 'create',
        });
      if (hasNonTransactional(down))
        files.push({
          path: join(input.dir, `U${next}__${name}.sql.conf`),
          content: 'executeInTransaction=false\n',
          mode: 'create',
        });
      return files;
    }
    case 'golang-migrate': {
      const versions = (await names(input.dir))
        .map((n) => /^(\d+)_.*\.(up|down)\.sql$/.exec(n)?.[1])
        .filter((v): v is string => v !== undefined);
      const max = versions.reduce((a, v) => (BigInt(v) > a ? BigInt(v) : a), -1n);
      // Sequential folders (`-seq`: 000001, 000002) continue their numbering; others get a timestamp.
      const sequential = versions.length > 0 && max < 10_000_000_000n;
      const width = Math.max(0, ...versions.map((v) => v.length));
      let version = sequential ? String(max + 1n).padStart(width, '0') : stamp(now);
      if (!sequential && BigInt(version) <= max) version = String(max + 1n);
      return [
        {
          path: join(input.dir, `${version}_${name}.up.sql`),
          content: header(input, 'up') + renderMigration(up),
          mode: 'create',
        },
        {
          path: join(input.dir, `${version}_${name}.down.sql`),
          content: header(input, 'down') + renderMigration(down),
          mode: 'create',
        },
      ];
    }
    case 'sqitch':
      return sqitchFiles(input, name, now);
    case 'alembic':
      return [await alembicFile(input, name, now)];
  }
}

async function sqitchFiles(input: ExportInput, name: string, now: Date): Promise<ExportedFile[]> {
  const planPath = join(input.dir, 'sqitch.plan');
  let plan: string;
  try {
    plan = await readFile(planPath, 'utf8');
  } catch {
    throw failed(
      `${input.dir} is not a sqitch project: it has no sqitch.plan.`,
      'Run `sqitch init` there first, or pass the project folder.',
    );
  }
  if (sqitchDeployScripts(plan).some((s) => s === `${name}.sql` || s.startsWith(`${name}@`)))
    throw failed(
      `The sqitch plan has a change named ${name} already.`,
      'Pass another --name (or rework the change with sqitch).',
    );
  const planner = input.planner ?? {
    name: process.env.SQITCH_FULLNAME ?? process.env.USER ?? 'gatehouse',
    email: process.env.SQITCH_EMAIL ?? `${process.env.USER ?? 'gatehouse'}@localhost`,
  };
  const when = `${now.toISOString().slice(0, 19)}Z`;
  const note = (input.description ?? 'written by gatehouse diff').replace(/\n/g, ' ');
  const line = `${name} ${when} ${planner.name} <${planner.email}> # ${note}\n`;
  return [
    {
      path: join(input.dir, 'deploy', `${name}.sql`),
      content: header(input, 'deploy') + renderMigration(input.up),
      mode: 'create',
    },
    {
      path: join(input.dir, 'revert', `${name}.sql`),
      content: header(input, 'revert') + renderMigration(input.down),
      mode: 'create',
    },
    {
      path: join(input.dir, 'verify', `${name}.sql`),
      content: header(input, 'verify') + sqitchVerifyScript(input.up),
      mode: 'create',
    },
    { path: planPath, content: plan.endsWith('\n') || plan === '' ? line : `\n${line}`, mode: 'append' },
  ];
}

/** A Python string literal for SQL: triple-quoted when that is exact, else a JSON string (valid Python too). */
const pyString = (sql: string) =>
  !sql.includes('"""') && !sql.includes('\\') && !sql.endsWith('"') ? `"""${sql}"""` : JSON.stringify(sql);

function alembicBody(m: Migration): string {
  if (m.statements.length === 0) return '    pass\n';
  const out: string[] = [];
  for (const g of transactionGroups(m)) {
    const indent = g.transactional ? '    ' : '        ';
    if (!g.transactional) out.push('    with op.get_context().autocommit_block():\n');
    for (const s of g.statements) {
      const text = statementText(s).trimEnd();
      out.push(`${indent}op.execute(\n${indent}    ${pyString(text)}\n${indent})\n`);
    }
  }
  return out.join('');
}

async function alembicFile(input: ExportInput, name: string, now: Date): Promise<ExportedFile> {
  const dir = (await isDir(join(input.dir, 'versions'))) ? join(input.dir, 'versions') : input.dir;
  const revisions: { id: string; down: string[] }[] = [];
  for (const n of (await names(dir)).filter((f) => f.endsWith('.py'))) {
    const text = await readFile(join(dir, n), 'utf8');
    const id = /^revision\s*(?::\s*str\s*)?=\s*['"]([^'"]+)['"]/m.exec(text)?.[1];
    if (id === undefined) continue;
    const downLine = /^down_revision\s*(?::[^=]*)?=\s*(.+)$/m.exec(text)?.[1] ?? 'None';
    revisions.push({ id, down: [...downLine.matchAll(/['"]([^'"]+)['"]/g)].map((x) => x[1]!) });
  }
  const referenced = new Set(revisions.flatMap((r) => r.down));
  const heads = revisions.filter((r) => !referenced.has(r.id)).map((r) => r.id);
  if (heads.length > 1)
    throw failed(
      `The Alembic versions in ${dir} have ${heads.length} heads (${heads.join(', ')}).`,
      'Merge them first (`alembic merge heads`), then export again.',
    );
  const id = randomBytes(6).toString('hex');
  const down = heads[0];
  const content = `"""${name}

Revision ID: ${id}
Revises: ${down ?? ''}
Create Date: ${now.toISOString().replace('T', ' ').slice(0, 19)}

Written by gatehouse diff${input.description ? `: ${input.description.replace(/"""/g, "'''")}` : ''}.
"""
from alembic import op

revision = ${JSON.stringify(id)}
down_revision = ${down === undefined ? 'None' : JSON.stringify(down)}
branch_labels = None
depends_on = None


def upgrade() -> None:
${alembicBody(input.up)}

def downgrade() -> None:
${alembicBody(input.down)}`;
  return { path: join(dir, `${id}_${name}.py`), content, mode: 'create' };
}

/** Writes planned files: refuses (before writing any) when a file to create exists already. */
export async function writeExport(files: readonly ExportedFile[]): Promise<void> {
  for (const f of files)
    if (
      f.mode === 'create' &&
      (await stat(f.path).then(
        () => true,
        () => false,
      ))
    )
      throw failed(
        `${f.path} exists already; nothing was written.`,
        'Pass another --name, or move that file.',
      );
  try {
    for (const f of files) {
      await mkdir(dirname(f.path), { recursive: true });
      if (f.mode === 'append') await appendFile(f.path, f.content);
      else await writeFile(f.path, f.content, { flag: 'wx' });
    }
  } catch (error) {
    throw failed(
      `Could not write the migration: ${(error as Error).message}`,
      'Check that the folder is writable.',
    );
  }
}

/** Plans and writes an export; returns what was written. */
export async function exportMigration(input: ExportInput): Promise<ExportedFile[]> {
  const files = await planExport(input);
  await writeExport(files);
  return files;
}
