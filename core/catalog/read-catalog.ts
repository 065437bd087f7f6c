import type pg from 'pg';
import { GatehouseError } from '../../shared/errors.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { sendCatalogQuery } from './run-query.js';
import { QueryPipeline, SplitPipeline, type PipelinedQuery } from './query-pipeline.js';
import { withPipelining } from './pipeline-mode.js';
import { MIN_SERVER_VERSION_NUM } from '../db/server-versions.js';
import type { TrimDecision, TrimExchange } from './trim.js';

export interface ReadCatalogOptions {
  /** Also read pg_catalog, information_schema and the toast/temp schemas (off by default). */
  readonly includeSystemSchemas?: boolean;
  /** Read only these schemas (after the system filter); all when absent. */
  readonly schemas?: readonly string[];
  /** Called after each query with its file, duration and row count (profiling, the benchmark). */
  readonly onQuery?: (file: string, ms: number, rows: number) => void;
  /**
   * Two databases read to be diffed (`gatehouse diff` of two live ones): this side's relation fingerprints are
   * handed over first, and the relations the exchange says both sides hold equal are left out of the read
   * (core/catalog/trim.ts). The model then holds only what the diff needs: never keep or show it as the
   * database's.
   */
  readonly trim?: TrimExchange;
  /**
   * Called once the first queries are written (with `trim`, the fingerprints the other side's must meet):
   * the server works on them for a while, time the caller may use for CPU work of its own.
   */
  readonly onSent?: () => void;
  /**
   * A second connection to the same database (idle, outside a transaction, left outside one). About half
   * the queries then run on it, in a transaction that imports the first one's snapshot
   * (pg_export_snapshot), so every query still sees one state of the database while two server backends
   * work at once. Without it (or where the snapshot cannot be shared) everything runs on `client`.
   */
  readonly parallelClient?: pg.ClientBase;
}

/** The queries sent to the parallel connection when there is one (about half the server's work). */
const PARALLEL_FILES = new Set([
  'constraints.sql',
  'grants.sql',
  'dependencies.sql',
  'default-privileges.sql',
  'policies.sql',
]);

const BEGIN = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
// Expressions and definitions are rendered relative to search_path: an empty one schema-qualifies every
// user object, so the model reads the same whatever the role's or database's search_path is. No parallel
// workers: on catalog-sized tables they cost more CPU than they save (a third more for the bench catalog),
// and the read already keeps a backend per connection busy. No JIT either: compiling a catalog query's
// expressions costs more than running them (150 ms for relation-fingerprints.sql's 2,000 tables).
const READ_SETTINGS =
  "SELECT pg_catalog.set_config('search_path', '', true), pg_catalog.set_config('max_parallel_workers_per_gather', '0', true), pg_catalog.set_config('jit', 'off', true)";

export { MIN_SERVER_VERSION_NUM } from '../db/server-versions.js';

/**
 * Reads the whole catalog model in one REPEATABLE READ READ ONLY transaction, so every query sees the
 * same snapshot. The queries are written to the given client at once in pipeline mode (see
 * withPipelining, QueryPipeline) and answered one after another. The client must not be inside a
 * transaction, nor used by anything else during the read; it is left outside one.
 */
export function readCatalog(client: pg.ClientBase, options: ReadCatalogOptions = {}): Promise<Catalog> {
  const second = options.parallelClient;
  return withPipelining(client, (pipelined) =>
    second
      ? withPipelining(second, (secondPipelined) =>
          readInSnapshot(client, options, { first: pipelined, second: secondPipelined }),
        )
      : readInSnapshot(client, options, { first: pipelined, second: false }),
  );
}

/** Whether each connection is in pipeline mode. */
interface Pipelining {
  readonly first: boolean;
  readonly second: boolean;
}

async function readInSnapshot(
  client: pg.ClientBase,
  options: ReadCatalogOptions,
  pipelining: Pipelining,
): Promise<Catalog> {
  let snapshot: string | null = null;
  try {
    await client.query(BEGIN);
    if (options.parallelClient) snapshot = await exportSnapshot(client);
    await client.query(READ_SETTINGS);
  } catch (error) {
    throw new GatehouseError('GH202', 'Could not start the catalog read transaction.', {
      details: error instanceof Error ? error.message : String(error),
      hint: 'Make sure the connection is not already inside a transaction and is still open.',
      cause: error,
    });
  }
  const parallel =
    snapshot !== null && options.parallelClient
      ? await importSnapshot(options.parallelClient, snapshot)
      : null;
  try {
    const catalog = await readInTransaction(client, parallel, options, pipelining);
    await client.query('COMMIT');
    if (parallel) await parallel.query('COMMIT');
    return catalog;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (parallel) await parallel.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * The snapshot id of the transaction just begun on `client` (pg_export_snapshot must run at its top level,
 * not in a savepoint); null where the server refuses, after starting the transaction afresh: the read then
 * runs on one connection.
 */
async function exportSnapshot(client: pg.ClientBase): Promise<string | null> {
  try {
    const row = (await client.query<{ id: string }>('SELECT pg_catalog.pg_export_snapshot() AS id')).rows[0];
    // Snapshot ids are hex groups and dashes; anything else is never sent back as SQL text.
    return row !== undefined && /^[0-9A-F-]+$/i.test(row.id) ? row.id : null;
  } catch {
    await client.query('ROLLBACK');
    await client.query(BEGIN);
    return null;
  }
}

/**
 * Opens on `second` a read-only transaction that sees exactly the exported snapshot; null (and `second`
 * left outside a transaction) where that fails: the read then runs on the first connection alone.
 */
async function importSnapshot(second: pg.ClientBase, snapshot: string): Promise<pg.ClientBase | null> {
  try {
    await second.query(BEGIN);
    await second.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
    await second.query(READ_SETTINGS);
    return second;
  } catch {
    await second.query('ROLLBACK').catch(() => undefined);
    return null;
  }
}

/** A trim decision's OID lists as array literals, made once: pg would spell a list for each query using it. */
interface Lists {
  readonly read: string | null;
  readonly sequences: string | null;
  readonly leftOut: string | null;
}
function asLists(t: TrimDecision | null): Lists {
  const literal = (xs: readonly number[] | undefined) => (xs === undefined ? null : `{${xs.join(',')}}`);
  return { read: literal(t?.read), sequences: literal(t?.leaveOutSequences), leftOut: literal(t?.leftOut) };
}

async function readInTransaction(
  client: pg.ClientBase,
  parallel: pg.ClientBase | null,
  options: ReadCatalogOptions,
  pipelining: Pipelining,
): Promise<Catalog> {
  const raw = async (file: string) => {
    const started = performance.now();
    const result = await sendCatalogQuery(client, file);
    options.onQuery?.(file, performance.now() - started, result.rows.length);
    return result.rows as Record<string, unknown>[];
  };
  // These two rows are checked against their schemas by the assembly (zod and the model's schemas: some
  // 100 ms to load, which is done while the server works on the queries these rows decide). Until then each
  // field is only read for what it has to be; a row of another shape fails the read there.
  const serverRows = await raw('server.sql');
  const schemaRows = await raw('schemas.sql');
  const server = serverRows[0];
  if (server === undefined) {
    throw new GatehouseError('GH202', 'The catalog query server.sql returned no row.', {
      hint: 'The current role is not visible in pg_roles; check that the connection is healthy.',
    });
  }
  const versionNum = Number(server.version_num);
  if (versionNum < MIN_SERVER_VERSION_NUM) {
    throw new GatehouseError('GH201', `PostgreSQL ${String(server.version)} is not supported.`, {
      hint: 'Gatehouse reads PostgreSQL 14 and newer; upgrade the server or connect to a newer one.',
    });
  }
  const schemaOids = includedSchemas(schemaRows, options).map((s) => s.oid);
  const p = [schemaOids];
  // The relation-scoped queries take the relations to read ($2, null for all; sequences.sql: the sequences
  // left out with the others); they are planned as functions of what the trim exchange decides.
  type Scoped = (t: Lists) => PipelinedQuery;
  const read =
    (file: string): Scoped =>
    (t) => ({ file, values: [schemaOids, t.read] });
  const queries: (PipelinedQuery | Scoped)[] = [
    { file: 'database.sql' },
    { file: 'roles.sql' },
    ...(server.can_read_authid === true ? [{ file: 'role-passwords.sql' }] : []),
    { file: versionNum >= 160000 ? 'memberships-16.sql' : 'memberships-14.sql' },
    { file: 'role-settings.sql' },
    { file: 'extensions.sql' },
    (t) => ({ file: 'type-names.sql', values: [t.leftOut] }),
    { file: 'keywords.sql' },
    read('relations.sql'),
    read('columns.sql'),
    ...(versionNum >= 180000 ? [read('not-null-constraints.sql')] : []),
    read('constraints.sql'),
    read(versionNum >= 150000 ? 'indexes.sql' : 'indexes-14.sql'),
    read('triggers.sql'),
    read('view-queries.sql'),
    (t) => ({ file: 'sequences.sql', values: [schemaOids, t.sequences] }),
    { file: 'functions.sql', values: p },
    { file: 'function-args.sql', values: p },
    { file: 'aggregates.sql', values: p },
    { file: 'types.sql', values: p },
    { file: 'domain-constraints.sql', values: p },
    { file: 'type-attributes.sql', values: p },
    { file: 'collations.sql', values: p },
    { file: 'languages.sql' },
    (t) => ({ file: 'grants.sql', values: [schemaOids, t.read, t.sequences] }),
    (t) => ({ file: 'dependencies.sql', values: [t.leftOut] }),
    { file: 'default-privileges.sql', values: p },
    read('policies.sql'),
    { file: 'casts.sql' },
    { file: 'event-triggers.sql' },
    { file: 'statistics.sql', values: p },
    { file: 'range-options.sql', values: p },
    read('index-statistics.sql'),
    read('rules.sql'),
    { file: 'publications.sql' },
    { file: versionNum >= 150000 ? 'publication-tables.sql' : 'publication-tables-14.sql', values: p },
    // TABLES IN SCHEMA is 15+: 14 has no pg_publication_namespace.
    ...(versionNum >= 150000 ? [{ file: 'publication-schemas.sql', values: p }] : []),
  ];
  const isScoped = (x: PipelinedQuery | Scoped): x is Scoped => typeof x === 'function';
  const started = { server, schemaRows, options };
  if (options.trim !== undefined) {
    // The fingerprints first, then what needs no decision: the server works through those while the other
    // side's fingerprints are awaited; the relation-scoped queries follow once decided. (No parallel
    // connection here: the two databases' reads already keep a backend each busy.)
    const first = new QueryPipeline(
      client,
      [
        { file: 'relation-fingerprints.sql', values: p },
        ...queries.filter((x): x is PipelinedQuery => !isScoped(x)),
      ],
      options.onQuery,
      pipelining.first,
    );
    options.onSent?.();
    const assembly = await loadAssembly();
    const decision = await options.trim({
      major: Math.floor(versionNum / 10000),
      rows: await first.take('relation-fingerprints.sql', assembly.rows.relationFingerprintRow),
    });
    const lists = asLists(decision);
    const scoped = queries.filter(isScoped).map((x) => x(lists));
    const pipeline = new SplitPipeline([
      first,
      new QueryPipeline(client, scoped, options.onQuery, pipelining.first),
    ]);
    return assembly.assembleCatalog(pipeline, started);
  }
  const everything = asLists(null);
  const all = queries.map((x) => (isScoped(x) ? x(everything) : x));
  const pipeline = new SplitPipeline(
    parallel === null
      ? [new QueryPipeline(client, all, options.onQuery, pipelining.first)]
      : [
          new QueryPipeline(
            client,
            all.filter((x) => !PARALLEL_FILES.has(x.file)),
            options.onQuery,
            pipelining.first,
          ),
          new QueryPipeline(
            parallel,
            all.filter((x) => PARALLEL_FILES.has(x.file)),
            options.onQuery,
            pipelining.second,
          ),
        ],
  );
  return (await loadAssembly()).assembleCatalog(pipeline, started);
}

/** The schemas read: not the system ones (unless asked), and of those the ones asked for, if any. */
export function includedSchemas<S extends { readonly name?: unknown; readonly is_system?: unknown }>(
  schemaRows: readonly S[],
  options: Pick<ReadCatalogOptions, 'includeSystemSchemas' | 'schemas'>,
): S[] {
  const wanted = options.schemas ? new Set<unknown>(options.schemas) : null;
  return schemaRows.filter(
    (s) => (options.includeSystemSchemas || s.is_system !== true) && (wanted === null || wanted.has(s.name)),
  );
}

/** The assembly's module (rows' schemas, the model's), once its queries are on their way. */
const loadAssembly = () => import('./assemble-catalog.js');
