/**
 * PostgREST's schema cache as a pure function of the catalog model and the PostgREST config (db-schemas,
 * db-extra-search-path): SchemaCache.hs's queries answered from the model's facts instead of a second read of
 * the database. Tables are the non-partition relations of db-schemas; a view's primary key is the base-table
 * key it exposes; relationships and routines follow relationships.ts and routines.ts.
 */
import type { Catalog, Relation } from '../../../shared/model/catalog.js';
import { ColumnFacts, schemaCacheColumn } from './columns.js';
import { deriveRelationships } from './relationships.js';
import { deriveRoutines } from './routines.js';
import { qualifiedKey, type QualifiedName, type SchemaCache, type Table } from './types.js';
import { viewKeyDependencies } from './view-keys.js';

export interface SchemaCacheConfig {
  /** db-schemas, in order; the first is the default. */
  readonly schemas: readonly string[];
  /** db-extra-search-path: views there are followed to their base tables too. */
  readonly extraSearchPath: readonly string[];
}

const isView = (r: Relation): boolean => r.kind === 'view' || r.kind === 'materialized_view';

export function schemaCacheFromCatalog(catalog: Catalog, config: SchemaCacheConfig): SchemaCache {
  const { schemas, extraSearchPath } = config;
  const relations = new Map<string, Relation>();
  for (const r of catalog.relations) relations.set(qualifiedKey(r), r);
  const keyDeps = viewKeyDependencies(catalog, relations, schemas, extraSearchPath);

  // Primary keys: a table's sorted by name (tbl_pk_cols); a view's from the keys it exposes, the first view
  // column where a key column shows several times (addViewPrimaryKeys).
  const viewPks = new Map<string, string[]>();
  for (const d of keyDeps) {
    if (d.type !== 'pk') continue;
    const k = qualifiedKey(d.view);
    const cols = d.columns.map(([, vs]) => vs[0]).filter((v): v is string => v !== undefined);
    viewPks.set(k, [...(viewPks.get(k) ?? []), ...cols]);
  }
  const pkOf = (t: QualifiedName): readonly string[] => {
    const r = relations.get(qualifiedKey(t));
    if (r === undefined || r.partitionOf !== null) return [];
    if (isView(r)) return viewPks.get(qualifiedKey(t)) ?? [];
    if (r.kind !== 'table' && r.kind !== 'partitioned_table') return [];
    const pk = r.constraints.find((c) => c.kind === 'primary_key');
    return pk === undefined ? [] : [...pk.columns].sort();
  };

  const facts = new ColumnFacts(catalog);
  const exposed = new Set(schemas);
  const tables = new Map<string, Table>();
  for (const r of catalog.relations) {
    // Partitions are reached through their parent (PostgREST reads `NOT relispartition`).
    if (!exposed.has(r.schema) || r.partitionOf !== null) continue;
    const columns = r.columns.map((c) => schemaCacheColumn(facts, r, c));
    tables.set(qualifiedKey(r), {
      schema: r.schema,
      name: r.name,
      isView: isView(r),
      insertable: r.insertable,
      updatable: r.updatable,
      deletable: r.deletable,
      pk: pkOf(r),
      columns,
      columnsByName: new Map(columns.map((c) => [c.name, c])),
    });
  }

  return {
    schemas: [...schemas],
    tables,
    relationships: deriveRelationships(catalog, keyDeps, pkOf, schemas),
    routines: deriveRoutines(catalog, facts, schemas),
  };
}
