/**
 * PostgREST's view key dependencies (SchemaCache.hs, allViewsKeyDependencies): which primary and foreign keys
 * of a table a view exposes, and as which of its columns. A view column leads to a table column by following
 * the model's one-step column origins, through views of db-schemas and db-extra-search-path only (PostgREST's
 * recursive CTE sees no other views). A key counts only when every one of its columns is exposed.
 */
import type { RelationIndex, RelInfo } from './relation-index.js';

export type KeyDepType = 'pk' | 'fk' | 'fkRef';

export interface ViewKeyDependency {
  readonly table: RelInfo;
  readonly view: RelInfo;
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

/** relation → its column → the view columns showing it (view attnum order). */
type Shown = Map<RelInfo, Map<string, string[]>>;

function shownBy(view: RelInfo, index: RelationIndex, followed: ReadonlySet<string>): Shown {
  const shown: Shown = new Map();
  const note = (rel: RelInfo, column: string, viewColumn: string) => {
    let m = shown.get(rel);
    if (m === undefined) shown.set(rel, (m = new Map()));
    const l = m.get(column);
    if (l === undefined) m.set(column, [viewColumn]);
    else if (!l.includes(viewColumn)) l.push(viewColumn);
  };
  for (const col of view.relation.columns) {
    let at = col.origin;
    const path = new Set<RelInfo>();
    while (at !== null) {
      const rel = index.get(at.schema, at.table);
      if (rel === undefined) break;
      note(rel, at.column, col.name);
      if (path.has(rel)) break;
      path.add(rel);
      if (!rel.isView || !followed.has(rel.relation.schema)) break;
      const column = at.column;
      at = rel.relation.columns.find((c) => c.name === column)?.origin ?? null;
    }
  }
  return shown;
}

export function viewKeyDependencies(
  index: RelationIndex,
  schemas: readonly string[],
  extraSearchPath: readonly string[],
): ViewKeyDependency[] {
  const exposed = new Set(schemas);
  const followed = new Set([...schemas, ...extraSearchPath]);
  const views: [RelInfo, Shown][] = [];
  const reached = new Set<RelInfo>();
  for (const info of index.all) {
    if (!info.isView || !exposed.has(info.relation.schema)) continue;
    const shown = shownBy(info, index, followed);
    views.push([info, shown]);
    for (const rel of shown.keys()) reached.add(rel);
  }
  if (views.length === 0) return [];

  // The keys each reached relation offers: its PKs and FKs (referencing columns), and the FKs pointing at it
  // (referenced columns). PostgREST's pks_fks is a UNION: equal rows (a partition's copies of a key referencing
  // the same table under the same name) count once.
  const keysOf = new Map<RelInfo, KeyRef[]>();
  const addKey = (rel: RelInfo, key: KeyRef) => {
    const l = keysOf.get(rel);
    if (l === undefined) {
      keysOf.set(rel, [key]);
      return;
    }
    const same = (k: KeyRef) =>
      k.type === key.type &&
      k.constraint === key.constraint &&
      k.columns.length === key.columns.length &&
      k.columns.every((c, i) => c === key.columns[i]);
    if (!l.some(same)) l.push(key);
  };
  for (const info of index.all) {
    for (const c of info.relation.constraints) {
      if (c.kind === 'primary_key') {
        if (reached.has(info)) addKey(info, { constraint: c.name, type: 'pk', columns: c.columns });
      } else if (c.kind === 'foreign_key' && c.foreignKey !== null) {
        if (reached.has(info)) addKey(info, { constraint: c.name, type: 'fk', columns: c.columns });
        const target = index.get(c.foreignKey.table.schema, c.foreignKey.table.name);
        if (target !== undefined && reached.has(target))
          addKey(target, { constraint: c.name, type: 'fkRef', columns: c.foreignKey.columns });
      }
    }
  }

  const out: ViewKeyDependency[] = [];
  for (const [view, shown] of views) {
    for (const [rel, cols] of shown) {
      for (const key of keysOf.get(rel) ?? []) {
        const columns: (readonly [string, readonly string[]])[] = [];
        for (const kc of key.columns) {
          const viewCols = cols.get(kc);
          if (viewCols === undefined) break;
          columns.push([kc, viewCols]);
        }
        if (columns.length === 0 || columns.length !== key.columns.length) continue;
        out.push({ table: rel, view, constraint: key.constraint, type: key.type, columns });
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
