import type { DiffKind } from '../../../shared/diff/migration.js';
import type { Relation } from '../../../shared/model/catalog.js';

/** The diff kind a relation's changes are filed under. */
export function relationKind(r: Pick<Relation, 'kind'>): DiffKind {
  return r.kind === 'view' ? 'view' : r.kind === 'materialized_view' ? 'materialized_view' : 'table';
}

export const isTable = (r: Pick<Relation, 'kind'>): boolean =>
  r.kind === 'table' || r.kind === 'partitioned_table' || r.kind === 'foreign_table';

export const isView = (r: Pick<Relation, 'kind'>): boolean =>
  r.kind === 'view' || r.kind === 'materialized_view';
