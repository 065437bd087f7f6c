import type { RenameCandidate } from '../../../shared/diff/migration.js';
import type { Catalog, Column, Relation } from '../../../shared/model/catalog.js';
import { refs } from '../../ddl/statement.js';
import { mentionsColumn } from './compare.js';
import { converts } from './retype.js';

const rk = (r: { schema: string; name: string }) => `${r.schema}\0${r.name}`;

/**
 * The columns of a table that stays which look renamed: one gone and one new.
 * - Of the same type: any gone column with any new one, the most alike when in the same place.
 * - Of another type, when the old converts to the new (`converts`: what the diff's ALTER COLUMN … TYPE can move),
 *   only the clear match: the column in the same place on both sides (the n-th of FROM's columns and of TO's), or
 *   the table's only gone column and only new one. Accepted, it is RENAME COLUMN, then the usual ALTER COLUMN … TYPE
 *   (its dependants dropped and made again around it). Less alike than any pair of the same type, which `renames:
 *   all` takes first.
 * Not for a generated column, nor one a generated column or the partition key uses (its type cannot change in
 * place, 0A000 / 42P16: the diff would drop and add what uses it, which it finds by the column's name).
 * None on a typed table (its columns are its type's: RENAME COLUMN is refused, 42809), on a partition, nor for a
 * column a child inherits (renamed with its parent's; on its own refused, 42P16).
 */
export function columnRenameCandidates(
  a: Relation,
  b: Relation,
  models: { from: Catalog; to: Catalog },
  /** Both models' relations by `schema\0name` (for the parents whose columns a child inherits). */
  relations: { readonly from: ReadonlyMap<string, Relation>; readonly to: ReadonlyMap<string, Relation> },
): RenameCandidate[] {
  if (a.ofType !== undefined || b.ofType !== undefined) return [];
  if (a.partitionOf !== null || b.partitionOf !== null) return [];
  const inherited = (r: Relation, side: ReadonlyMap<string, Relation>) =>
    new Set(r.inherits.flatMap((p) => side.get(rk(p))?.columns.map((c) => c.name) ?? []));
  const fromParents = inherited(a, relations.from);
  const toParents = inherited(b, relations.to);
  const gone = a.columns.filter((c) => !fromParents.has(c.name) && !b.columns.some((x) => x.name === c.name));
  const added = b.columns.filter((c) => !toParents.has(c.name) && !a.columns.some((x) => x.name === c.name));
  const out: RenameCandidate[] = [];
  const offer = (c: Column, n: Column, similarity: number) =>
    out.push({
      kind: 'column',
      from: refs.member('column', a.schema, a.name, c.name),
      to: refs.member('column', b.schema, b.name, n.name),
      similarity,
    });
  const sole = gone.length === 1 && added.length === 1;
  for (const c of gone)
    for (const n of added) {
      const samePlace = a.columns.indexOf(c) === b.columns.indexOf(n);
      if (c.type.formatted === n.type.formatted) offer(c, n, samePlace ? 1 : 0.8);
      else if ((samePlace || sole) && retypable(a, c, n) && converts(c, n, models))
        offer(c, n, samePlace ? 0.6 : 0.5);
    }
  return out;
}

function retypable(a: Relation, c: Column, n: Column): boolean {
  if (c.generated !== null || n.generated !== null) return false;
  if (a.partitionKey !== null && mentionsColumn(a.partitionKey, c.name)) return false;
  return !a.columns.some((x) => x.generation !== null && mentionsColumn(x.generation, c.name));
}
