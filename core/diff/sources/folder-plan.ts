import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { GatehouseError } from '../../../shared/errors.js';
import { naturalCompare, pathCompare, versionCompare } from './natural-order.js';

/**
 * Which migrations-folder convention a folder follows, and the SQL it applies in that convention's order.
 * Detected from the folder itself (a sqitch.plan, supabase/migrations, Flyway's V1__ names, golang-migrate's
 * .up.sql, dbmate's `-- migrate:up` markers, subfolders), most specific first.
 */
export const folderConventions = [
  'sqitch',
  'supabase',
  'flyway',
  'golang-migrate',
  'dbmate',
  'nested',
  'plain',
] as const;
export type FolderConvention = (typeof folderConventions)[number];

/** One script to apply: the part of a file that is SQL for the up direction. */
export interface PlannedFile {
  /** The file's path as the user would name it (the folder joined with `name`). */
  readonly path: string;
  /** Relative to the folder, with `/`. */
  readonly name: string;
  readonly sql: string;
  /** The file's line `sql` starts on (1-based; dbmate's up section starts below its marker). */
  readonly firstLine: number;
}

export interface FolderPlan {
  /** The folder the files are in (supabase: its supabase/migrations). */
  readonly folder: string;
  readonly convention: FolderConvention;
  readonly files: readonly PlannedFile[];
  /** Files of the folder the convention does not apply (down migrations, Flyway undo scripts, bad names). */
  readonly ignored: readonly string[];
}

const unreadable = (what: string, error: unknown) =>
  new GatehouseError('GH1001', `Could not read ${what}: ${(error as Error).message}`, {
    hint: 'Check the path and that the folder and its files are readable.',
    cause: error,
  });

/** Every file below `dir` (relative, `/`-separated), skipping dot folders and node_modules. */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch (error) {
      throw unreadable(`the folder ${d}`, error);
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function readText(path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    throw unreadable(path, error);
  }
}

const isSql = (name: string) => name.toLowerCase().endsWith('.sql');
const topLevel = (name: string) => !name.includes('/');

/** dbmate: the lines between `-- migrate:up` and `-- migrate:down` (all of it when there is no marker). */
export function dbmateUp(text: string): { sql: string; firstLine: number } | null {
  const lines = text.split('\n');
  const up = lines.findIndex((l) => /^--\s*migrate:up\b/.test(l));
  if (up === -1) return null;
  const down = lines.findIndex((l, i) => i > up && /^--\s*migrate:down\b/.test(l));
  return { sql: lines.slice(up + 1, down === -1 ? undefined : down).join('\n'), firstLine: up + 2 };
}

/** The deploy scripts of a sqitch.plan in plan order; a reworked change's earlier deploys are `name@tag.sql`. */
export function sqitchDeployScripts(plan: string): string[] {
  const entries: { kind: 'change' | 'tag'; name: string }[] = [];
  for (const raw of plan.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (line === '' || line.startsWith('%') || line.startsWith('#')) continue;
    const first = line.split(/\s+/)[0]!;
    if (first.startsWith('@')) entries.push({ kind: 'tag', name: first.slice(1) });
    else if (!first.startsWith('-')) entries.push({ kind: 'change', name: first.replace(/^\+/, '') });
  }
  const scripts: string[] = [];
  entries.forEach((e, i) => {
    if (e.kind !== 'change') return;
    const reworkedLater = entries.slice(i + 1).some((x) => x.kind === 'change' && x.name === e.name);
    const tag = entries.slice(i + 1).find((x) => x.kind === 'tag');
    scripts.push(reworkedLater && tag ? `${e.name}@${tag.name}.sql` : `${e.name}.sql`);
  });
  return scripts;
}

const FLYWAY_VERSIONED = /^V(\d+(?:[._]\d+)*)__.+\.sql$/;
const FLYWAY_REPEATABLE = /^R__.+\.sql$/;
const GOLANG_UP = /^(\d+)_.*\.up\.sql$/;
const SUPABASE_NAME = /^\d+_.*\.sql$/;

/** Detects the folder's convention and lists what it applies, in order. */
export async function planFolder(folder: string): Promise<FolderPlan> {
  if (!(await isDirectory(folder))) {
    await stat(folder).catch((error: unknown) => {
      throw unreadable(`the folder ${folder}`, error);
    });
    throw new GatehouseError('GH1001', `${folder} is not a folder.`, {
      hint: 'Pass a folder of .sql files, a .sql file, a snapshot file or a postgres:// URI.',
    });
  }
  if (await isDirectory(join(folder, 'supabase', 'migrations')))
    return planSupabase(join(folder, 'supabase', 'migrations'));
  if (basename(folder) === 'migrations' && basename(dirname(folder)) === 'supabase')
    return planSupabase(folder);
  const names = await listFiles(folder);
  if (names.includes('sqitch.plan')) return planSqitch(folder);
  const top = names.filter(topLevel);
  const flyway = names.filter(
    (n) => FLYWAY_VERSIONED.test(basename(n)) || FLYWAY_REPEATABLE.test(basename(n)),
  );
  if (flyway.length > 0) return planFlyway(folder, names);
  if (top.some((n) => GOLANG_UP.test(n))) return planGolang(folder, top);
  const topSql = top.filter(isSql).sort(naturalCompare);
  const texts = new Map<string, string>();
  for (const n of topSql) texts.set(n, await readText(join(folder, n)));
  if ([...texts.values()].some((t) => dbmateUp(t) !== null)) return planDbmate(folder, topSql, texts);
  const sqlFiles = names.filter(isSql);
  if (sqlFiles.some((n) => !topLevel(n))) {
    const sorted = [...sqlFiles].sort(pathCompare);
    return {
      folder,
      convention: 'nested',
      files: await Promise.all(sorted.map((n) => wholeFile(folder, n))),
      ignored: [],
    };
  }
  return {
    folder,
    convention: 'plain',
    files: topSql.map((n) => ({ path: join(folder, n), name: n, sql: texts.get(n)!, firstLine: 1 })),
    ignored: [],
  };
}

async function wholeFile(folder: string, name: string): Promise<PlannedFile> {
  return { path: join(folder, name), name, sql: await readText(join(folder, name)), firstLine: 1 };
}

async function planSupabase(folder: string): Promise<FolderPlan> {
  const top = (await listFiles(folder)).filter((n) => topLevel(n) && isSql(n));
  // The Supabase CLI skips files not named <timestamp>_name.sql; so do we, and say so.
  const used = top.filter((n) => SUPABASE_NAME.test(n)).sort(naturalCompare);
  return {
    folder,
    convention: 'supabase',
    files: await Promise.all(used.map((n) => wholeFile(folder, n))),
    ignored: top.filter((n) => !SUPABASE_NAME.test(n)),
  };
}

async function planSqitch(folder: string): Promise<FolderPlan> {
  const scripts = sqitchDeployScripts(await readText(join(folder, 'sqitch.plan')));
  const files: PlannedFile[] = [];
  for (const s of scripts) {
    const name = `deploy/${s}`;
    files.push(await wholeFile(folder, name));
  }
  return { folder, convention: 'sqitch', files, ignored: [] };
}

async function planFlyway(folder: string, names: readonly string[]): Promise<FolderPlan> {
  const versioned = names.filter((n) => FLYWAY_VERSIONED.test(basename(n)));
  const version = (n: string) => FLYWAY_VERSIONED.exec(basename(n))![1]!;
  versioned.sort((a, b) => versionCompare(version(a), version(b)) || pathCompare(a, b));
  // Repeatables run after every versioned migration, ordered by their description (the name).
  const repeatable = names
    .filter((n) => FLYWAY_REPEATABLE.test(basename(n)))
    .sort((a, b) => naturalCompare(basename(a), basename(b)) || pathCompare(a, b));
  const used = new Set([...versioned, ...repeatable]);
  return {
    folder,
    convention: 'flyway',
    files: await Promise.all([...versioned, ...repeatable].map((n) => wholeFile(folder, n))),
    ignored: names.filter((n) => isSql(n) && !used.has(n)),
  };
}

async function planGolang(folder: string, top: readonly string[]): Promise<FolderPlan> {
  const ups = top.filter((n) => GOLANG_UP.test(n));
  const version = (n: string) => BigInt(GOLANG_UP.exec(n)![1]!);
  ups.sort((a, b) => (version(a) === version(b) ? naturalCompare(a, b) : version(a) < version(b) ? -1 : 1));
  return {
    folder,
    convention: 'golang-migrate',
    files: await Promise.all(ups.map((n) => wholeFile(folder, n))),
    ignored: top.filter((n) => isSql(n) && !GOLANG_UP.test(n)),
  };
}

function planDbmate(folder: string, sql: readonly string[], texts: ReadonlyMap<string, string>): FolderPlan {
  const files: PlannedFile[] = [];
  const ignored: string[] = [];
  for (const n of sql) {
    const up = dbmateUp(texts.get(n)!);
    if (up === null) ignored.push(n);
    else files.push({ path: join(folder, n), name: n, sql: up.sql, firstLine: up.firstLine });
  }
  return { folder, convention: 'dbmate', files, ignored };
}
