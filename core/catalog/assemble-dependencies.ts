import { refKey, type Dependency, type ObjectRef } from '../../shared/model/catalog.js';
import { compareTuples } from './compare.js';
import type { ObjectRefs } from './object-refs.js';
import type { DependencyRow } from './rows.js';

function resolve(
  refs: ObjectRefs,
  catalog: DependencyRow['from_catalog'],
  oid: number,
): ObjectRef | undefined {
  switch (catalog) {
    case 'class':
      return refs.classRef(oid);
    case 'function':
      return refs.functions.get(oid);
    case 'type':
      return refs.types.get(oid);
  }
}

const strength: Record<Dependency['kind'], number> = { normal: 0, auto: 1, internal: 2 };

/**
 * pg_depend rows → edges between model objects. Self-edges (a table's own constraint, a row type's
 * table) and edges leaving the model are dropped; of duplicate (from, to) edges the first by
 * (kind normal < auto < internal, via) is kept, so the list is stable and compact.
 */
export function assembleDependencies(rows: readonly DependencyRow[], refs: ObjectRefs): Dependency[] {
  const edges = new Map<string, { key: (string | null)[]; dep: Dependency }>();
  for (const row of rows) {
    const from = resolve(refs, row.from_catalog, row.from_oid);
    const to = resolve(refs, row.to_catalog, row.to_oid);
    if (from === undefined || to === undefined) continue;
    const fromKey = refKey(from);
    const toKey = refKey(to);
    if (fromKey === toKey) continue;
    const key = `${fromKey}\u0001${toKey}`;
    const existing = edges.get(key);
    if (
      existing !== undefined &&
      (strength[existing.dep.kind] < strength[row.kind] ||
        (existing.dep.kind === row.kind && existing.dep.via <= row.via))
    ) {
      continue;
    }
    edges.set(key, {
      key: [
        from.kind,
        from.schema,
        from.name,
        from.args ?? null,
        to.kind,
        to.schema,
        to.name,
        to.args ?? null,
      ],
      // References hold only strings: frozen with them, the edge is skipped by the final deepFreeze.
      dep: Object.freeze({ from: Object.freeze(from), to: Object.freeze(to), kind: row.kind, via: row.via }),
    });
  }
  return [...edges.values()].sort((a, b) => compareTuples(a.key, b.key)).map((e) => e.dep);
}
