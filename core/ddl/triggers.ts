import type { Trigger } from '../../shared/model/catalog.js';
import { singleStatement } from './expression.js';
import { quoteIdent, quoteQualified } from './quote.js';
import { refs, statement, type Statement } from './statement.js';
import type { Target } from './target.js';

export function triggerTarget(schema: string, table: string, name: string): Target {
  return {
    word: 'TRIGGER',
    name: `${quoteIdent(name)} ON ${quoteQualified(schema, table)}`,
    object: refs.member('trigger', schema, table, name),
  };
}

/** The trigger as pg_get_triggerdef() wrote it (CREATE [CONSTRAINT] TRIGGER … EXECUTE FUNCTION …). */
export function createTrigger(
  schema: string,
  table: string,
  t: Pick<Trigger, 'name' | 'definition'>,
): Statement {
  return statement(
    'create',
    refs.member('trigger', schema, table, t.name),
    singleStatement(t.definition, 'CreateTrigStmt', 'trigger definition'),
  );
}

const ENABLE: Record<Trigger['enabled'], string> = {
  origin: 'ENABLE TRIGGER',
  disabled: 'DISABLE TRIGGER',
  replica: 'ENABLE REPLICA TRIGGER',
  always: 'ENABLE ALWAYS TRIGGER',
};

/** ALTER TABLE s.t ENABLE / DISABLE / ENABLE REPLICA / ENABLE ALWAYS TRIGGER name. */
export function setTriggerEnabled(
  schema: string,
  table: string,
  name: string,
  enabled: Trigger['enabled'],
): Statement {
  return statement(
    'alter',
    refs.member('trigger', schema, table, name),
    `ALTER TABLE ${quoteQualified(schema, table)} ${ENABLE[enabled]} ${quoteIdent(name)}`,
  );
}
