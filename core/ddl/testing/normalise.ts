import type { Catalog } from '../../../shared/model/catalog.js';

/** Keys that differ between two databases holding the same objects: OIDs and what depends on the data. */
const DROPPED = new Set(['oid', 'rowTypeOid', 'arrayOid', 'elementOid', 'estimatedRows', 'readAt']);

/** A deep copy without OIDs and row estimates; column positions renumbered 1..n (dropped columns leave gaps). */
export function withoutOids(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutOids);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (DROPPED.has(k)) continue;
    out[k] =
      k === 'columns' && Array.isArray(v) ? v.map((c, i) => renumber(withoutOids(c), i)) : withoutOids(v);
  }
  return out;
}

function renumber(column: unknown, i: number): unknown {
  return column !== null && typeof column === 'object' && 'position' in column
    ? { ...column, position: i + 1 }
    : column;
}

/** The per-database parts of a model (what ddlForDatabase writes), normalised for comparison. */
export function databaseParts(model: Catalog, databaseName = model.database.name) {
  const rename = (name: string) => (name === model.database.name ? databaseName : name);
  return withoutOids({
    schemas: model.schemas,
    extensions: model.extensions,
    relations: model.relations,
    sequences: model.sequences,
    functions: model.functions,
    types: model.types,
    grants: model.grants.map((g) =>
      g.object.kind === 'database' ? { ...g, object: { ...g.object, name: rename(g.object.name) } } : g,
    ),
    defaultPrivileges: model.defaultPrivileges,
    policies: model.policies,
    dependencies: model.dependencies,
    collations: model.collations ?? [],
    statistics: model.statistics ?? [],
    databaseSettings: model.roleSettings
      .filter((s) => s.role === null && s.database === model.database.name)
      .map((s) => s.settings),
    databaseComment: model.database.comment,
  }) as Record<string, unknown>;
}
