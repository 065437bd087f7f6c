import { basename } from 'node:path';
import type {
  DiffProgress,
  DiffSide,
  ExportFormat,
  SideSummary,
  Verification,
} from '../../shared/contract/diff.js';
import type { DiffOptions, Migration } from '../../shared/diff/migration.js';
import { GatehouseError } from '../../shared/errors.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { exportMigration } from './export/export-folder.js';
import { renderMigration } from './export/render-script.js';
import { diffModels, downMigration } from './index.js';
import type { SourceProgress } from './sources/apply-files.js';
import { environmentConnect } from './sources/connect.js';
import { loadFilesIntoShadow, plannedFiles, type LoadedSource } from './sources/load-source.js';
import { ShadowPool } from './sources/shadow-pool.js';
import { readSnapshotFile } from './sources/snapshot.js';
import { verifyMigration } from './verify/verify-migration.js';
import { plural } from '../../shared/text/plural.js';

/** A side read into a model, with what the header says of it and what verification needs of it. */
export interface LoadedSide {
  readonly side: DiffSide;
  readonly catalog: Catalog;
  readonly summary: SideSummary;
  readonly source: LoadedSource;
}

export type Report = (p: Omit<DiffProgress, 'side'>) => void;

const progressOf = (p: SourceProgress): Omit<DiffProgress, 'side'> =>
  p.step === 'apply'
    ? { message: `applying ${p.file}`, done: p.index, total: p.total }
    : { message: p.message, done: null, total: null };

/** The studio's pool of shadow servers is per call: started for a read or a verification, stopped after it. */
async function withPool<T>(fn: (pool: ShadowPool) => Promise<T>): Promise<T> {
  const pool = new ShadowPool({ connect: environmentConnect() });
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}

/** A live side as core/diff/sources names it (the model was read through the studio's own connection). */
export function liveSource(catalog: Catalog, label: string): LoadedSource {
  return {
    spec: { kind: 'live', uri: 'postgres://' },
    label,
    model: catalog,
    convention: null,
    files: [],
    ignored: [],
    shadowDb: null,
    seededRoles: [],
  };
}

/**
 * A snapshot file, .sql file or folder read into a model; a folder goes through a shadow PostgreSQL of the
 * other side's major, with the other side's roles created first (the files grant to them).
 */
export async function readPathSide(
  side: Exclude<DiffSide, { kind: 'connection' }>,
  other: Catalog | null,
  report: Report,
): Promise<LoadedSide> {
  if (side.kind === 'snapshot') {
    report({ message: `reading the snapshot ${basename(side.path)}`, done: null, total: null });
    const catalog = await readSnapshotFile(side.path);
    const source: LoadedSource = {
      ...liveSource(catalog, side.path),
      spec: { kind: 'snapshot', path: side.path },
    };
    return {
      side,
      catalog,
      source,
      summary: { kind: 'snapshot', label: side.path, serverVersion: catalog.server.version },
    };
  }
  const spec = { kind: side.kind, path: side.path } as const;
  const plan = await plannedFiles(spec);
  const major = other?.server.major ?? 18;
  report({
    message: `${plan.convention === 'file' ? 'a .sql file' : `${plan.convention} folder, ${plan.files.length} files`} → shadow PostgreSQL ${major}`,
    done: 0,
    total: plan.files.length,
  });
  return withPool(async (pool) => {
    const loaded = await loadFilesIntoShadow(
      pool,
      major,
      other ? 'the other side' : 'the default shadow version',
      plan.files,
      other,
      (p) => report(progressOf(p)),
    );
    const files = plan.files.length;
    const source: LoadedSource = {
      spec,
      label: side.path,
      model: loaded.model,
      convention: plan.convention,
      files: plan.files,
      ignored: plan.ignored,
      // The pool (and its shadow database) is gone after the read: verification copies the model instead.
      shadowDb: null,
      seededRoles: loaded.seededRoles,
    };
    return {
      side,
      catalog: loaded.model,
      source,
      summary: {
        kind: side.kind,
        label:
          side.kind === 'folder'
            ? `${side.path} (${plan.convention}, ${files} ${plural(files, 'file')})`
            : side.path,
        serverVersion: loaded.model.server.version,
      },
    };
  });
}

export function planMigration(from: Catalog, to: Catalog, options: DiffOptions): Migration {
  return diffModels(from, to, options);
}

export function migrationScript(m: Migration): string {
  return m.cycles.length > 0 ? '' : renderMigration(m);
}

/**
 * Applies the migration to a shadow copy of the source and diffs the result against the target. What comes back
 * and was ticked out of the migration is reported apart (verifyMigration splits it): verified means nothing
 * else remains.
 */
export async function verifyPlanned(
  from: LoadedSide,
  to: LoadedSide,
  migration: Migration,
  options: DiffOptions,
  report: Report,
): Promise<Verification> {
  try {
    const r = await withPool((pool) =>
      verifyMigration({
        from: from.source,
        to: to.catalog,
        migration,
        options,
        diff: diffModels,
        pool,
        onProgress: (p) => report(progressOf(p)),
      }),
    );
    return { verified: r.verified, residue: [...r.unexpected], leftOut: [...r.leftOut], error: null };
  } catch (error) {
    if (error instanceof GatehouseError && error.code === 'GH1008')
      return { verified: false, residue: [], leftOut: [], error: error.message };
    throw error;
  }
}

export async function exportPlanned(input: {
  migration: Migration;
  from: LoadedSide;
  to: LoadedSide;
  options: DiffOptions;
  format: ExportFormat;
  folder: string;
  name: string;
}): Promise<string[]> {
  // The down migration undoes what the up one does: the sides swapped, the same changes left out.
  const down = downMigration(input.from.catalog, input.to.catalog, input.migration, input.options);
  const files = await exportMigration({
    dir: input.folder,
    format: input.format,
    name: input.name,
    up: input.migration,
    down,
    description: `${input.from.summary.label} → ${input.to.summary.label}`,
  });
  return files.map((f) => f.path);
}
