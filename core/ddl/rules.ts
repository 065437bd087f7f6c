import type { Rule } from '../../shared/model/catalog.js';
import { singleStatement } from './expression.js';
import { quoteIdent, quoteQualified } from './quote.js';
import { refs, statement, type Statement } from './statement.js';
import type { Target } from './target.js';

export function ruleTarget(schema: string, relation: string, name: string): Target {
  return {
    word: 'RULE',
    name: `${quoteIdent(name)} ON ${quoteQualified(schema, relation)}`,
    object: refs.member('rule', schema, relation, name),
  };
}

/**
 * The rule as pg_get_ruledef() wrote it (CREATE RULE … AS ON event TO s.t DO …), or as CREATE OR REPLACE RULE to
 * change one in place.
 */
export function createRule(
  schema: string,
  relation: string,
  r: Pick<Rule, 'name' | 'definition'>,
  options: { replace?: boolean } = {},
): Statement {
  const sql = singleStatement(r.definition, 'RuleStmt', 'rule definition');
  return statement(
    'create',
    refs.member('rule', schema, relation, r.name),
    options.replace === true ? sql.replace(/^CREATE RULE /, 'CREATE OR REPLACE RULE ') : sql,
  );
}

const ENABLE: Record<Rule['enabled'], string> = {
  origin: 'ENABLE RULE',
  disabled: 'DISABLE RULE',
  replica: 'ENABLE REPLICA RULE',
  always: 'ENABLE ALWAYS RULE',
};

/** ALTER TABLE s.t ENABLE / DISABLE / ENABLE REPLICA / ENABLE ALWAYS RULE name. */
export function setRuleEnabled(
  schema: string,
  relation: string,
  name: string,
  enabled: Rule['enabled'],
): Statement {
  return statement(
    'alter',
    refs.member('rule', schema, relation, name),
    `ALTER TABLE ${quoteQualified(schema, relation)} ${ENABLE[enabled]} ${quoteIdent(name)}`,
  );
}
