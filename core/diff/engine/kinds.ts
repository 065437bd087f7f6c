import type { DiffKind } from '../../../shared/diff/migration.js';
import type { Relation } from '../../../shared/model/catalog.js';
import { relKey, type Side } from './side.js';

/** The diff kind a relation's changes are filed under. */
export function relationKind(r: Pick<Relation, 'kind'>): DiffKind {
  return r.kind === 'view' ? 'view' : r.kind === 'materialized_view' ? 'materialized_view' : 'table';
}

export const isTable = (r: Pick<Relation, 'kind'>): boolean =>
  r.kind === 'table' || r.kind === 'partitioned_table' || r.kind === 'foreign_table';

export const isView = (r: Pick<Relation, 'kind'>): boolean =>
  r.kind === 'view' || r.kind === 'materialized_view';

/**
 * The columns a table has from its INHERITS parents on one side: ALTER … TYPE on the parent reaches them, and
 * PostgreSQL refuses one on the child itself.
 */
export function inheritedColumns(side: Side, r: Relation): ReadonlySet<string> {
  const out = new Set<string>();
  for (const p of r.inherits)
    for (const c of side.relations.get(relKey(p.schema, p.name))?.columns ?? []) out.add(c.name);
  return out;
}
