import { dependencyViaSchema, refKey, type Dependency, type ObjectRef } from '../../shared/model/catalog.js';
import { compareTuples } from './compare.js';
import type { ObjectRefs } from './object-refs.js';
import type { DependencyRow } from './rows.js';

function resolve(refs: ObjectRefs, catalog: DependencyRow['to_catalog'], oid: number): ObjectRef | undefined {
  switch (catalog) {
    case 'class':
      return refs.classRef(oid);
    case 'function':
      return refs.functions.get(oid);
    case 'type':
      return refs.types.get(oid);
    case 'collation':
      return refs.collations.get(oid);
  }
}

const strength: Record<Dependency['kind'], number> = { normal: 0, auto: 1, internal: 2 };
const VIAS: readonly Dependency['via'][] = dependencyViaSchema.options;

/** One (from, to) pair while rows are folded: the edge kept so far and the columns of `to` its rows use. */
interface Edge {
  from: ObjectRef;
  to: ObjectRef;
  dep: Dependency;
  /** null once one row names the whole object (or a column the model does not hold). */
  columns: Set<string> | null;
}

/** References hold only strings: frozen with them, the edge is skipped by the final deepFreeze. */
function dependency(from: ObjectRef, to: ObjectRef, row: DependencyRow): Dependency {
  return Object.freeze({ from: Object.freeze(from), to: Object.freeze(to), kind: row.kind, via: row.via });
}

/**
 * pg_depend rows → edges between model objects. Self-edges (a table's own constraint, a row type's
 * table) and edges leaving the model are dropped; of duplicate (from, to, via) edges the first by kind (normal <
 * auto < internal) is kept, so the list is stable and compact.
 */
export function assembleDependencies(
  rows: readonly DependencyRow[],
  refs: ObjectRefs,
  columnName: (relationOid: number, attnum: number) => string | undefined = () => undefined,
): Dependency[] {
  // References are shared per OID (ObjectRefs): each gets a small number once (equal keys, equal numbers),
  // and edges are found by their two numbers, not by a string built per pg_depend row (27,000 of them for
  // 5,000 tables).
  const keys = new Map<ObjectRef, number>();
  const idOfKey = new Map<string, number>();
  const idOf = (ref: ObjectRef): number => {
    let id = keys.get(ref);
    if (id === undefined) {
      const key = refKey(ref);
      id = idOfKey.get(key);
      if (id === undefined) idOfKey.set(key, (id = idOfKey.size));
      keys.set(ref, id);
    }
    return id;
  };
  const byFrom = new Map<number, Map<number, Edge>>();
  // In the order each (from, to) pair first appeared.
  const edges: Edge[] = [];
  for (const row of rows) {
    const from = resolve(refs, row.from_catalog, row.from_oid);
    const to = resolve(refs, row.to_catalog, row.to_oid);
    if (from === undefined || to === undefined) continue;
    const fromId = idOf(from);
    const toId = idOf(to);
    if (fromId === toId) continue;
    let fromEdges = byFrom.get(fromId);
    if (fromEdges === undefined) byFrom.set(fromId, (fromEdges = new Map()));
    // One edge per (from, to, via): a table's index and its column may both use a type, and what follows a
    // change of that type differs (the index is recreated around it, the column moved onto it).
    const edgeKey = toId * VIAS.length + VIAS.indexOf(row.via);
    const existing = fromEdges.get(edgeKey);
    const name =
      existing?.columns === null || row.to_column <= 0 || row.to_catalog !== 'class'
        ? undefined
        : columnName(row.to_oid, row.to_column);
    if (existing === undefined) {
      const edge: Edge = {
        from,
        to,
        dep: dependency(from, to, row),
        columns: name === undefined ? null : new Set([name]),
      };
      fromEdges.set(edgeKey, edge);
      edges.push(edge);
      continue;
    }
    if (existing.columns !== null) {
      if (name === undefined) existing.columns = null;
      else existing.columns.add(name);
    }
    if (strength[existing.dep.kind] <= strength[row.kind]) continue;
    existing.from = from;
    existing.to = to;
    existing.dep = dependency(from, to, row);
  }
  // Order by (from, to, via), references compared as (kind, schema, name, args): rank the distinct references
  // once (equal tuples share a rank), then sort the edges by three numbers.
  const tuple = (r: ObjectRef) => [r.kind, r.schema, r.name, r.args ?? null];
  const distinct = [...keys.keys()].map((ref) => ({ ref, t: tuple(ref) }));
  distinct.sort((a, b) => compareTuples(a.t, b.t));
  const rank = new Map<ObjectRef, number>();
  let n = 0;
  for (let i = 0; i < distinct.length; i++) {
    const d = distinct[i]!;
    if (i > 0 && compareTuples(distinct[i - 1]!.t, d.t) !== 0) n++;
    rank.set(d.ref, n);
  }
  for (const e of edges) {
    if (e.columns !== null)
      e.dep = Object.freeze({ ...e.dep, columns: Object.freeze([...e.columns].sort()) });
  }
  const r = (ref: ObjectRef) => rank.get(ref) ?? 0;
  const list = edges.map((e) => ({ from: r(e.from), to: r(e.to), via: VIAS.indexOf(e.dep.via), dep: e.dep }));
  list.sort((a, b) => a.from - b.from || a.to - b.to || a.via - b.via);
  return list.map((e) => e.dep);
}
