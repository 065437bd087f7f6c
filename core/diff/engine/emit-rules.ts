import { refKey, sameRef, type Relation, type Rule } from '../../../shared/model/catalog.js';
import { LATE, rulePhases } from '../../ddl/object-phases.js';
import { createRule, ruleTarget, setRuleEnabled } from '../../ddl/rules.js';
import { refs } from '../../ddl/statement.js';
import { commentOn, dropObject } from '../../ddl/target.js';
import type { Diff } from './context.js';

/**
 * Rules of a relation that stays (a recreated or rebuilt one writes its rules with its own phases): dropped with
 * the relation's drops, created late (their actions may name any relation), replaced in place (CREATE OR REPLACE
 * RULE) when their definition changes, their firing state and comment altered. Rules an object they use takes
 * along (a column retyped or dropped, a relation recreated) are dropped first and made again after.
 */
export function emitRules(d: Diff, from: Relation, to: Relation): void {
  const s = to.schema;
  const t = to.name;
  const forced = d.memberRecreate(s, t, 'rule');
  const before = new Map((from.rules ?? []).map((r) => [r.name, r]));
  const after = new Map((to.rules ?? []).map((r) => [r.name, r]));
  const ref = (name: string) => refs.member('rule', s, t, name);
  const create = (r: Rule, id: string) => {
    for (const l of rulePhases(to, r))
      if (l.statement.kind !== 'comment' || d.wants('comment'))
        d.plan.add('late', l.statement, id, [], l.rank);
  };
  for (const [name, r] of before) {
    const next = after.get(name);
    if (next !== undefined && forced === undefined) {
      alterRule(d, to, r, next);
      continue;
    }
    const id =
      next === undefined
        ? d.plan.change({
            action: 'drop',
            kind: 'rule',
            object: ref(name),
            summary: `drop rule ${name} on ${s}.${t}`,
            fromSql: r.definition,
          })
        : (forced?.changeId ?? '');
    d.plan.memberDropFirst(dropObject(ruleTarget(s, t, name)), id);
    if (next !== undefined) create(next, id);
  }
  for (const [name, r] of after) {
    if (before.has(name)) continue;
    const id = d.plan.change({
      action: 'add',
      kind: 'rule',
      object: ref(name),
      summary: `create rule ${name} on ${s}.${t}`,
      toSql: r.definition,
    });
    create(r, id);
  }
}

/** A rule both sides have: replaced when its definition changes, then its firing state and comment. */
function alterRule(d: Diff, to: Relation, r: Rule, next: Rule): void {
  const object = refs.member('rule', to.schema, to.name, r.name);
  if (r.definition !== next.definition) {
    const id = d.plan.change({
      action: 'alter',
      kind: 'rule',
      object,
      summary: `change rule ${r.name} on ${to.schema}.${to.name}`,
      fromSql: r.definition,
      toSql: next.definition,
    });
    d.plan.add('late', createRule(to.schema, to.name, next, { replace: true }), id, [], LATE.rule);
  }
  if (r.enabled !== next.enabled) {
    const id = d.plan.change({
      action: 'alter',
      kind: 'rule',
      object,
      summary: `rule ${r.name} on ${to.schema}.${to.name}: ${next.enabled}`,
    });
    d.plan.add('late', setRuleEnabled(to.schema, to.name, r.name, next.enabled), id, [], LATE.rule);
  }
  if (r.comment !== next.comment && d.wants('comment')) {
    const id = d.plan.change({
      action: 'alter',
      kind: 'comment',
      object,
      summary: `comment on rule ${r.name}`,
    });
    const t = ruleTarget(to.schema, to.name, r.name);
    d.plan.add('late', commentOn(t, next.comment), id, [], LATE.comment);
  }
}

/**
 * The rules of a table that goes (dropped, recreated, or rebuilt: its old copy is dropped), each dropped first on
 * its own when one names another object that goes too: two tables whose rules name each other would otherwise
 * each have to be dropped before the other. A view's rules stay with it: its rule edges are also its query's.
 */
export function dropRulesFirst(d: Diff, r: Relation, changeId: string): void {
  const rules = r.rules ?? [];
  if (rules.length === 0 || r.kind === 'view' || r.kind === 'materialized_view') return;
  const ref = refs.relation(r.schema, r.name);
  const goes = d.from.dependencies.some(
    (e) =>
      e.via === 'rule' &&
      sameRef(e.from, ref) &&
      (d.isDropped(e.to) || (e.to.kind === 'relation' && d.rebuilt.has(refKey(e.to)))),
  );
  if (!goes) return;
  for (const rule of rules)
    d.plan.memberDropFirst(dropObject(ruleTarget(r.schema, r.name, rule.name)), changeId);
}
