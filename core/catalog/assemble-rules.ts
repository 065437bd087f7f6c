import type { Relation } from '../../shared/model/catalog.js';
import { groupBy } from './group-by.js';
import type { RuleRow } from './rows.js';

/** rules.sql rows onto their relations (in name order from SQL); a relation without rules keeps no key. */
export function withRules(relations: readonly Relation[], rows: readonly RuleRow[]): Relation[] {
  if (rows.length === 0) return [...relations];
  const byRelation = groupBy(rows, (r) => r.relation_oid);
  return relations.map((r) => {
    const mine = byRelation.get(r.oid);
    if (mine === undefined) return r;
    return {
      ...r,
      rules: mine.map((x) => ({
        name: x.name,
        event: x.event,
        definition: x.definition,
        enabled: x.enabled,
        comment: x.comment,
      })),
    };
  });
}
