/**
 * PostgREST's schema cache as a pure function of the catalog model and the PostgREST config (db-schemas,
 * db-extra-search-path): SchemaCache.hs's queries answered from the model's facts instead of a second read of
 * the database. Tables are the non-partition relations of db-schemas; a view's primary key is the base-table
 * key it exposes; relationships, routines and data representations follow relationships.ts, routines.ts and
 * representations.ts.
 */
import type { Catalog } from '../../../shared/model/catalog.js';
import { ColumnFacts, schemaCacheColumn } from './columns.js';
import { RelationIndex, type RelInfo } from './relation-index.js';
import { deriveRelationships } from './relationships.js';
import { representationsOfModel } from './representations.js';
import { deriveRoutines } from './routines.js';
import type { Column, SchemaCache, Table } from './types.js';
import { viewKeyDependencies } from './view-keys.js';

export interface SchemaCacheConfig {
  /** db-schemas, in order; the first is the default. */
  readonly schemas: readonly string[];
  /** db-extra-search-path: views there are followed to their base tables too. */
  readonly extraSearchPath: readonly string[];
}

/**
 * A table whose columns are derived when first asked for: a request touches a few of the thousands of tables,
 * so 50,000 columns and 5,000 name maps are not built up front (PostgREST's Haskell is lazy the same way).
 */
class LazyTable implements Table {
  readonly schema: string;
  readonly name: string;
  readonly isView: boolean;
  readonly insertable: boolean;
  readonly updatable: boolean;
  readonly deletable: boolean;
  private derivedColumns: readonly Column[] | null = null;
  private byName: ReadonlyMap<string, Column> | null = null;

  constructor(
    readonly pk: readonly string[],
    private readonly facts: ColumnFacts,
    private readonly info: RelInfo,
  ) {
    const r = info.relation;
    this.schema = r.schema;
    this.name = r.name;
    this.isView = info.isView;
    this.insertable = r.insertable;
    this.updatable = r.updatable;
    this.deletable = r.deletable;
  }

  get columns(): readonly Column[] {
    return (this.derivedColumns ??= this.info.relation.columns.map((c) =>
      schemaCacheColumn(this.facts, this.info, c),
    ));
  }

  get columnsByName(): ReadonlyMap<string, Column> {
    return (this.byName ??= new Map(this.columns.map((c) => [c.name, c])));
  }

  /** What JSON and test diffs see: the table with its columns. */
  toJSON(): object {
    const { schema, name, isView, insertable, updatable, deletable, pk, columns } = this;
    return { schema, name, isView, insertable, updatable, deletable, pk, columns };
  }
}

export function schemaCacheFromCatalog(catalog: Catalog, config: SchemaCacheConfig): SchemaCache {
  const { schemas, extraSearchPath } = config;
  const index = new RelationIndex(catalog);
  const keyDeps = viewKeyDependencies(index, schemas, extraSearchPath);

  // Primary keys: a table's sorted by name (tbl_pk_cols); a view's from the keys it exposes, the first view
  // column where a key column shows several times (addViewPrimaryKeys). Partitions have none (not tables).
  const viewPks = new Map<RelInfo, string[]>();
  for (const d of keyDeps) {
    if (d.type !== 'pk') continue;
    const cols = d.columns.map(([, vs]) => vs[0]).filter((v): v is string => v !== undefined);
    viewPks.set(d.view, [...(viewPks.get(d.view) ?? []), ...cols]);
  }
  const pks = new Map<RelInfo, readonly string[]>();
  const pkOf = (info: RelInfo): readonly string[] => {
    let pk = pks.get(info);
    if (pk !== undefined) return pk;
    const r = info.relation;
    if (r.partitionOf !== null) pk = [];
    else if (info.isView) pk = viewPks.get(info) ?? [];
    else if (r.kind !== 'table' && r.kind !== 'partitioned_table') pk = [];
    else {
      const c = r.constraints.find((k) => k.kind === 'primary_key');
      pk = c === undefined ? [] : c.columns.length === 1 ? c.columns : [...c.columns].sort();
    }
    pks.set(info, pk);
    return pk;
  };

  const facts = new ColumnFacts(catalog, index);
  const exposed = new Set(schemas);
  const tables = new Map<string, Table>();
  for (const info of index.all) {
    const r = info.relation;
    // Partitions are reached through their parent (PostgREST reads `NOT relispartition`).
    if (!exposed.has(r.schema) || r.partitionOf !== null) continue;
    tables.set(info.key, new LazyTable(pkOf(info), facts, info));
  }

  const known = new Set([...catalog.schemas.map((x) => x.name), ...catalog.excludedSchemas]);
  const unknownSchemas = [...new Set([...schemas, ...extraSearchPath])].filter((x) => !known.has(x));
  return {
    schemas: [...schemas],
    ...(unknownSchemas.length > 0 ? { unknownSchemas } : {}),
    tables,
    relationships: deriveRelationships(catalog, index, keyDeps, pkOf, schemas),
    routines: deriveRoutines(catalog, facts, schemas),
    representations: representationsOfModel(catalog),
  };
}
