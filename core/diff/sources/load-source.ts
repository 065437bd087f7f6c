import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type pg from 'pg';
import { GatehouseError } from '../../../shared/errors.js';
import type { Catalog } from '../../../shared/model/catalog.js';
import { readCatalog } from '../../catalog/read-catalog.js';
import { readTrimmedPair, type TrimExchange } from '../../catalog/trim.js';
import type { OnProgress } from './apply-files.js';
import { classifySource, sourceLabel, type SourceSpec } from './classify-source.js';
import { environmentConnect, withClient, type Connect } from './connect.js';
import { planFolder, type FolderConvention, type PlannedFile } from './folder-plan.js';
import { ShadowPool } from './shadow-pool.js';
import type { ShadowDatabase } from './shadow-server.js';

/** One side of a diff, read into a model. */
export interface LoadedSource {
  readonly spec: SourceSpec;
  /** How to name it in messages (a path, or host:port/db). */
  readonly label: string;
  readonly model: Catalog;
  /** Folders: the convention detected; a single .sql file: `file`; otherwise null. */
  readonly convention: FolderConvention | 'file' | null;
  /** Folders and .sql files: what was applied, in order (verification applies it again when needed). */
  readonly files: readonly PlannedFile[];
  /** Folder files the convention leaves out (down migrations, bad names). */
  readonly ignored: readonly string[];
  /** Folders and .sql files: the shadow database holding the applied files, until the pool is closed. */
  readonly shadowDb: ShadowDatabase | null;
  /** Roles created in the shadow before the files (taken from the other side: the files grant to them). */
  readonly seededRoles: readonly string[];
}

export interface LoadOptions {
  /** Major of the shadow when nothing else decides it (the other side live or a snapshot): default 18. */
  readonly pgMajor?: number;
  /** An existing server to use as the shadow instead of starting one. */
  readonly shadowUri?: string;
  /** How live sources (and --shadow) are connected; libpq's rules from process.env by default. */
  readonly connect?: Connect;
  readonly onProgress?: OnProgress;
  /**
   * Two live databases: leave out of both reads the tables equal on both sides (see decideTrim). The models
   * then serve the diff alone: not for verification (which compares a whole shadow with the target) nor for
   * showing a database.
   */
  readonly leaveOutEqualTables?: boolean;
  /**
   * Called once two live sides read together (leaveOutEqualTables) have both sent their first queries: the
   * servers then work for a while, and the caller may load or prepare what it needs after the read.
   */
  readonly whileReading?: () => void;
}

/**
 * Reads a shadow database's model on two connections sharing one snapshot (readCatalog's parallelClient): two
 * server backends work through the queries at once (a 2,000-statement folder → model: 2.3 s → 1.4 s median).
 * Live sides keep one connection each: their two reads already run at once. The second connection is a help,
 * not a need: where it cannot be opened (a connection limit) the read runs on the first alone.
 */
export async function readOnTwoConnections(
  connect: Connect,
  uri: string,
  client: pg.ClientBase,
): Promise<Catalog> {
  const second = await connect(uri).catch(() => null);
  try {
    return await readCatalog(client, second === null ? {} : { parallelClient: second });
  } finally {
    await second?.end().catch(() => undefined);
  }
}

/** A live database's model; `trim`: read as one side of a two-database diff (see readTrimmedPair). */
export async function readLiveModel(
  uri: string,
  connect: Connect,
  trim?: TrimExchange,
  onSent?: () => void,
): Promise<Catalog> {
  return withClient(connect, uri, async (client) => {
    try {
      return await readCatalog(client, {
        ...(trim !== undefined ? { trim } : {}),
        ...(onSent !== undefined ? { onSent } : {}),
      });
    } catch (error) {
      if (error instanceof GatehouseError) throw error;
      throw new GatehouseError('GH202', `Reading the catalog failed: ${(error as Error).message}`, {
        hint: 'Please report this with the server version.',
        cause: error,
      });
    }
  });
}

/** The files a folder or a single .sql file applies, with the convention used. */
export async function plannedFiles(
  spec: Extract<SourceSpec, { kind: 'folder' | 'sql-file' }>,
): Promise<{ convention: FolderConvention | 'file'; files: PlannedFile[]; ignored: string[] }> {
  if (spec.kind === 'folder') {
    const plan = await planFolder(spec.path);
    if (plan.files.length === 0)
      throw new GatehouseError(
        'GH1001',
        `${spec.path} holds no migration files for its convention (${plan.convention}).`,
        {
          hint:
            plan.ignored.length > 0
              ? `These files were left out by the ${plan.convention} convention: ${plan.ignored.slice(0, 5).join(', ')}.`
              : 'Put .sql files in it, or pass a .sql file.',
        },
      );
    return { convention: plan.convention, files: [...plan.files], ignored: [...plan.ignored] };
  }
  let sql: string;
  try {
    sql = (await readFile(spec.path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    throw new GatehouseError('GH1001', `Could not read ${spec.path}: ${(error as Error).message}`, {
      hint: 'Check the path and that the file is readable.',
    });
  }
  return {
    convention: 'file',
    files: [{ path: spec.path, name: basename(spec.path), sql, firstLine: 1 }],
    ignored: [],
  };
}

/** Role names the files create with a top-level CREATE ROLE / USER (those are not seeded from the other side). */
async function rolesCreatedBy(files: readonly PlannedFile[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const f of files) {
    if (!/create\s+(role|user|group)/i.test(f.sql)) continue;
    // The SQL parser (WebAssembly) loads only where files are read: a live database's read starts without it.
    const { splitSql } = await import('../../changeset/split.js');
    const statements = await splitSql(f.sql, f.path).catch(() => []);
    for (const s of statements) {
      const node = (s.node as { CreateRoleStmt?: { role?: string } }).CreateRoleStmt;
      if (node?.role !== undefined) out.add(node.role);
    }
  }
  return out;
}

/**
 * Creates in the shadow the other side's roles the shadow lacks and the files do not create (a folder usually
 * grants to roles made elsewhere: Supabase's anon and authenticated, an app's owner). Best effort, one statement
 * at a time: a membership of a role the files create later is simply left out.
 */
async function seedRoles(
  client: pg.ClientBase,
  other: Catalog | null,
  files: readonly PlannedFile[],
): Promise<string[]> {
  if (other === null) return [];
  const existing = new Set(
    (await client.query<{ rolname: string }>('SELECT rolname FROM pg_catalog.pg_roles')).rows.map(
      (r) => r.rolname,
    ),
  );
  const created = await rolesCreatedBy(files);
  const seeded: string[] = [];
  // Likewise the DDL writer, which loads the parser as it is imported.
  const { ddlForRoles } = await import('../../ddl/database-ddl.js');
  const statements = ddlForRoles(other, {
    roles: (r) => !existing.has(r.name) && !created.has(r.name),
    serverMajor: other.server.major,
  });
  for (const s of statements) {
    try {
      await client.query(s.sql);
      if (s.kind === 'create') seeded.push(s.object.name);
    } catch {
      // A membership or setting that needs what the files create: the files will say so if it matters.
    }
  }
  return seeded;
}

/** Applies planned files to a fresh database of the pool and reads it back. */
export async function loadFilesIntoShadow(
  pool: ShadowPool,
  major: number,
  why: string,
  files: readonly PlannedFile[],
  other: Catalog | null,
  onProgress?: OnProgress,
): Promise<{ model: Catalog; db: ShadowDatabase; seededRoles: string[] }> {
  const server = await pool.server(major, why);
  const db = await server.createDatabase();
  try {
    const { model, seeded } = await withClient(server.connect, db.uri, async (client) => {
      const seededRoles = await seedRoles(client, other, files);
      const { applyFiles } = await import('./apply-files.js');
      await applyFiles(client, files, onProgress);
      onProgress?.({ step: 'read', message: `reading the model back from the ${server.label}` });
      return { model: await readOnTwoConnections(server.connect, db.uri, client), seeded: seededRoles };
    });
    return { model, db, seededRoles: seeded };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

/** The major a shadow must run for one side: the other side's when it is a database or a snapshot of one. */
function wantedMajor(
  other: { readonly spec: SourceSpec; readonly model: Catalog | null },
  pgMajor: number | undefined,
): { major: number; why: string } {
  if (other.model !== null) {
    const m = other.model.server.major;
    if (other.spec.kind === 'live' && pgMajor !== undefined && pgMajor !== m)
      throw new GatehouseError(
        'GH1006',
        `--pg-major ${pgMajor} was asked for, but the other side (${sourceLabel(other.spec)}) is PostgreSQL ${m}.`,
        {
          hint: `Leave --pg-major out (the shadow then runs ${m}), or compare with a PostgreSQL ${pgMajor} database.`,
        },
      );
    if (other.spec.kind === 'live' || pgMajor === undefined)
      return { major: m, why: `the other side (${sourceLabel(other.spec)})` };
  }
  if (pgMajor !== undefined) return { major: pgMajor, why: '--pg-major' };
  return { major: 18, why: 'the default shadow version' };
}

/** A side read as it is (a database, a snapshot): nothing applied, no shadow. */
function directBase(spec: SourceSpec): Omit<LoadedSource, 'model'> {
  return {
    spec,
    label: sourceLabel(spec),
    convention: null,
    files: [],
    ignored: [],
    shadowDb: null,
    seededRoles: [],
  };
}

/**
 * Reads one side. A folder or .sql file goes through a shadow database of the pool (the caller closes it);
 * `other` is the other side when it is known (a database or snapshot decides the shadow's major and lends its
 * roles). The UI calls this per side; `loadSourcePair` calls it for both.
 */
export async function loadSource(
  source: string | SourceSpec,
  pool: ShadowPool,
  options: LoadOptions & { readonly other?: { readonly spec: SourceSpec; readonly model: Catalog } } = {},
): Promise<LoadedSource> {
  const spec = typeof source === 'string' ? await classifySource(source) : source;
  const connect = options.connect ?? environmentConnect();
  const base = directBase(spec);
  const label = base.label;
  if (spec.kind === 'live') return { ...base, model: await readLiveModel(spec.uri, connect) };
  if (spec.kind === 'snapshot') {
    const { readSnapshotFile } = await import('./snapshot.js');
    return { ...base, model: await readSnapshotFile(spec.path) };
  }
  const other = options.other ?? { spec, model: null };
  const { major, why } = wantedMajor(other, options.pgMajor);
  const plan = await plannedFiles(spec);
  options.onProgress?.({
    step: 'shadow',
    message: `${label}: ${plan.convention === 'file' ? 'a .sql file' : `${plan.convention} folder, ${plan.files.length} files`} → shadow PostgreSQL ${major}`,
  });
  const { model, db, seededRoles } = await loadFilesIntoShadow(
    pool,
    major,
    why,
    plan.files,
    other.model,
    options.onProgress,
  );
  return {
    ...base,
    model,
    convention: plan.convention,
    files: plan.files,
    ignored: plan.ignored,
    shadowDb: db,
    seededRoles,
  };
}

/** Both sides of a diff, read into models; `pool` holds the shadow databases of folder sides until closed. */
export interface LoadedPair {
  readonly from: LoadedSource;
  readonly to: LoadedSource;
  readonly pool: ShadowPool;
  /** Two live databases read together (leaveOutEqualTables): how many relations both hold equal, left out. */
  readonly leftOutEqual?: number;
}

/**
 * Reads both sides. Databases and snapshots first (they decide the shadow's major), then folders and .sql
 * files, each applied to a shadow database of its own cluster (roles are cluster-wide: two folders that create
 * the same role must not meet). The pool must be closed by the caller (`pool.close()`), also on error.
 */
export async function loadSourcePair(
  from: string | SourceSpec,
  to: string | SourceSpec,
  options: LoadOptions = {},
  pool: ShadowPool = new ShadowPool({ ...options, connect: options.connect ?? environmentConnect() }),
): Promise<LoadedPair> {
  const specs = [
    typeof from === 'string' ? await classifySource(from) : from,
    typeof to === 'string' ? await classifySource(to) : to,
  ] as const;
  if (options.leaveOutEqualTables && specs[0].kind === 'live' && specs[1].kind === 'live') {
    const connect = options.connect ?? environmentConnect();
    let sent = 0;
    const onSent = () => {
      if (++sent === 2) options.whileReading?.();
    };
    const side =
      (spec: SourceSpec & { kind: 'live' }) =>
      async (trim: TrimExchange): Promise<LoadedSource> => ({
        ...directBase(spec),
        model: await readLiveModel(spec.uri, connect, trim, onSent),
      });
    const { from: a, to: b, decided } = await readTrimmedPair(side(specs[0]), side(specs[1]));
    return { from: a, to: b, pool, ...(decided !== null ? { leftOutEqual: decided.equalLeftOut } : {}) };
  }
  const direct = await Promise.all(
    specs.map((spec) =>
      spec.kind === 'live' || spec.kind === 'snapshot' ? loadSource(spec, pool, options) : null,
    ),
  );
  const loaded = await Promise.all(
    specs.map(async (spec, i) => {
      const ready = direct[i];
      if (ready) return ready;
      const other = direct[1 - i];
      return loadSource(spec, pool, {
        ...options,
        ...(other ? { other: { spec: other.spec, model: other.model } } : {}),
      });
    }),
  );
  return { from: loaded[0]!, to: loaded[1]!, pool };
}
