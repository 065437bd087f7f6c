import { refKey, refLabel, type StatisticsObject } from '../../../shared/model/catalog.js';
import { LATE, statisticsPhases } from '../../ddl/object-phases.js';
import { refs } from '../../ddl/statement.js';
import { setStatisticsTarget, statisticsTarget } from '../../ddl/statistics.js';
import { dropObject } from '../../ddl/target.js';
import type { Diff } from './context.js';
import { ownerAndComment } from './emit-owner-comment.js';
import { emitPhases } from './emit-relations.js';
import { relKey } from './side.js';

/** Whether the table's own DDL writes (or its drop removes) its statistics: dropped, recreated, rebuilt or new. */
function goesWithTable(d: Diff, s: StatisticsObject): boolean {
  const ref = refs.relation(s.table.schema, s.table.name);
  return (
    d.isDropped(ref) ||
    d.rebuilt.has(refKey(ref)) ||
    !d.from.relations.has(relKey(s.table.schema, s.table.name)) ||
    !d.to.relations.has(relKey(s.table.schema, s.table.name))
  );
}

/** Whether a column change of its table may take the object with it (a dropped column drops it). */
function touchedUnder(d: Diff, s: StatisticsObject): boolean {
  const k = refKey(refs.relation(s.table.schema, s.table.name));
  if (!d.touched.has(k)) return false;
  const cols = d.touchedColumns.get(k);
  return cols === undefined || s.expressions.length > 0 || s.columns.some((c) => cols.has(c));
}

/**
 * Extended statistics objects: dropped first (nothing depends on them), created late (their table, columns and the
 * functions of their expressions exist by then), recreated when their definition changes or a column change of
 * their table may take them along; target, owner and comment altered in place. Those of a table created, dropped,
 * recreated or rebuilt go with the table's own DDL. Compared only when both models hold them.
 */
export function emitStatistics(d: Diff): void {
  const a = d.from.model.statistics;
  const b = d.to.model.statistics;
  if (a === undefined || b === undefined || !d.wants('statistics')) return;
  const fromS = d.from.statistics;
  const toS = d.to.statistics;
  const create = (s: StatisticsObject, id: string) =>
    d.writing(id, refs.statistics(s.schema, s.name), () => emitPhases(d, statisticsPhases(s), id));
  for (const [k, s] of fromS) {
    const next = toS.get(k);
    const t = statisticsTarget(s);
    const moved =
      next !== undefined && (next.table.schema !== s.table.schema || next.table.name !== s.table.name);
    if (next === undefined || moved || next.definition !== s.definition || touchedUnder(d, s)) {
      if (next === undefined && goesWithTable(d, s)) continue;
      const id = d.plan.change({
        action: next === undefined ? 'drop' : 'rebuild',
        kind: 'statistics',
        object: t.object,
        summary: `${next === undefined ? 'drop' : 'recreate'} statistics ${refLabel(t.object)}`,
        fromSql: s.definition,
        toSql: next?.definition ?? null,
      });
      if (!goesWithTable(d, s)) d.plan.add('first', dropObject(t, { ifExists: touchedUnder(d, s) }), id);
      if (next !== undefined && !goesWithTable(d, next)) create(next, id);
      continue;
    }
    if (goesWithTable(d, s)) continue;
    if (s.target !== next.target) {
      const id = d.plan.change({
        action: 'alter',
        kind: 'statistics',
        object: t.object,
        summary: `statistics target of ${refLabel(t.object)}: ${next.target ?? 'default'}`,
      });
      d.plan.add('late', setStatisticsTarget(s.schema, s.name, next.target), id, [], LATE.statistics);
    }
    ownerAndComment(d, t, s, next, {
      what: 'statistics',
      late: { owner: LATE.statistics, comment: LATE.comment },
    });
  }
  for (const [k, s] of toS) {
    if (fromS.has(k) || goesWithTable(d, s)) continue;
    const ref = refs.statistics(s.schema, s.name);
    const id = d.plan.change({
      action: 'add',
      kind: 'statistics',
      object: ref,
      summary: `create statistics ${refLabel(ref)} on ${s.table.schema}.${s.table.name}`,
      toSql: s.definition,
    });
    create(s, id);
  }
}
