/**
 * PostgREST's view key dependencies (SchemaCache.hs, allViewsKeyDependencies): which primary and foreign keys
 * of a table a view exposes, and as which of its columns. A view column leads to a table column by following
 * the model's one-step column origins, through views of db-schemas and db-extra-search-path only (PostgREST's
 * recursive CTE sees no other views). A key counts only when every one of its columns is exposed.
 */
import type { Catalog, Relation } from '../../../shared/model/catalog.js';
import { qualifiedKey, type QualifiedName } from './types.js';

export type KeyDepType = 'pk' | 'fk' | 'fkRef';

export interface ViewKeyDependency {
  readonly table: QualifiedName;
  readonly view: QualifiedName;
  readonly constraint: string;
  readonly type: KeyDepType;
  /** In key order: the table column and every view column showing it. */
  readonly columns: readonly (readonly [string, readonly string[]])[];
}

interface KeyRef {
  readonly constraint: string;
  readonly type: KeyDepType;
  readonly columns: readonly string[];
}

const isView = (r: Relation): boolean => r.kind === 'view' || r.kind === 'materialized_view';

export function viewKeyDependencies(
  catalog: Catalog,
  relations: ReadonlyMap<string, Relation>,
  schemas: readonly string[],
  extraSearchPath: readonly string[],
): ViewKeyDependency[] {
  const exposed = new Set(schemas);
  const followed = new Set([...schemas, ...extraSearchPath]);

  // The keys each table offers: its PKs and FKs (referencing columns), and the FKs pointing at it (referenced).
  const keysOf = new Map<string, KeyRef[]>();
  const addKey = (table: QualifiedName, key: KeyRef) => {
    const k = qualifiedKey(table);
    const l = keysOf.get(k);
    if (l === undefined) keysOf.set(k, [key]);
    else l.push(key);
  };
  for (const r of catalog.relations) {
    for (const c of r.constraints) {
      if (c.kind === 'primary_key') addKey(r, { constraint: c.name, type: 'pk', columns: c.columns });
      else if (c.kind === 'foreign_key' && c.foreignKey !== null) {
        addKey(r, { constraint: c.name, type: 'fk', columns: c.columns });
        addKey(c.foreignKey.table, { constraint: c.name, type: 'fkRef', columns: c.foreignKey.columns });
      }
    }
  }

  const out: ViewKeyDependency[] = [];
  for (const view of catalog.relations) {
    if (!isView(view) || !exposed.has(view.schema)) continue;
    // relation key → relation column → the view's columns showing it (attnum order)
    const shown = new Map<string, Map<string, string[]>>();
    const note = (rel: string, column: string, viewColumn: string) => {
      let m = shown.get(rel);
      if (m === undefined) shown.set(rel, (m = new Map()));
      const l = m.get(column);
      if (l === undefined) m.set(column, [viewColumn]);
      else if (!l.includes(viewColumn)) l.push(viewColumn);
    };
    for (const col of view.columns) {
      let at = col.origin;
      const path = new Set<string>();
      while (at !== null) {
        const key = qualifiedKey({ schema: at.schema, name: at.table });
        note(key, at.column, col.name);
        if (path.has(key)) break;
        path.add(key);
        const next = relations.get(key);
        if (next === undefined || !isView(next) || !followed.has(next.schema)) break;
        at = next.columns.find((c) => c.name === at?.column)?.origin ?? null;
      }
    }
    for (const [rel, cols] of shown) {
      const keys = keysOf.get(rel);
      const table = relations.get(rel);
      if (keys === undefined || table === undefined) continue;
      for (const key of keys) {
        const columns: (readonly [string, readonly string[]])[] = [];
        for (const kc of key.columns) {
          const viewCols = cols.get(kc);
          if (viewCols === undefined) break;
          columns.push([kc, viewCols]);
        }
        if (columns.length !== key.columns.length || columns.length === 0) continue;
        out.push({
          table: { schema: table.schema, name: table.name },
          view: { schema: view.schema, name: view.name },
          constraint: key.constraint,
          type: key.type,
          columns,
        });
      }
    }
  }
  return out;
}

/** Every way to pick one view column per key column (a key column a view shows twice gives two choices). */
export function expandKeyDepColumns(
  columns: ViewKeyDependency['columns'],
): (readonly (readonly [string, string])[])[] {
  let acc: (readonly [string, string])[][] = [[]];
  for (const [tableCol, viewCols] of columns) {
    const next: (readonly [string, string])[][] = [];
    for (const prefix of acc) for (const v of viewCols) next.push([...prefix, [tableCol, v] as const]);
    acc = next;
  }
  return acc;
}
