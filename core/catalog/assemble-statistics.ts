import type { Index, Relation, StatisticsObject } from '../../shared/model/catalog.js';
import { groupBy } from './group-by.js';
import type { IndexStatisticsRow, StatisticsRow } from './rows.js';

/** statistics.sql rows → the model's extended statistics objects (in schema, name order). */
export function assembleStatistics(rows: readonly StatisticsRow[]): StatisticsObject[] {
  return rows.map((r) => ({
    schema: r.schema,
    name: r.name,
    table: { schema: r.table_schema, name: r.table_name },
    owner: r.owner,
    kinds: [...r.kinds],
    columns: [...r.columns],
    expressions: [...r.expressions],
    target: r.target,
    definition: r.definition,
    comment: r.comment,
  }));
}

/** Relations whose indexes have statistics targets set (index-statistics.sql) get them; others stay as they are. */
export function withIndexStatistics(
  relations: readonly Relation[],
  rows: readonly IndexStatisticsRow[],
): Relation[] {
  if (rows.length === 0) return [...relations];
  const byRelation = groupBy(rows, (r) => r.relation_oid);
  return relations.map((r) => {
    const mine = byRelation.get(r.oid);
    if (mine === undefined) return r;
    const indexes = r.indexes.map((i): Index => {
      const set = mine.filter((x) => x.index_name === i.name);
      return set.length === 0
        ? i
        : { ...i, statistics: set.map((x) => ({ column: x.column_number, target: x.target })) };
    });
    return { ...r, indexes };
  });
}
