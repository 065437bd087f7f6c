import type { EventTrigger } from '../../shared/model/catalog.js';
import { quoteIdent, quoteLiteral, quoteQualified } from './quote.js';
import { refs, statement, type Statement } from './statement.js';
import type { Target } from './target.js';

// Event triggers are database-wide and only a superuser may create one (or own one): a migration carrying one
// must run as a superuser, which the diff says in a hazard.

export function eventTriggerTarget(name: string): Target {
  return { word: 'EVENT TRIGGER', name: quoteIdent(name), object: refs.eventTrigger(name) };
}

/** CREATE EVENT TRIGGER name ON event [WHEN TAG IN ('…', …)] EXECUTE FUNCTION s.f(). */
export function createEventTrigger(t: Pick<EventTrigger, 'name' | 'event' | 'function' | 'tags'>): Statement {
  return statement(
    'create',
    refs.eventTrigger(t.name),
    `CREATE EVENT TRIGGER ${quoteIdent(t.name)} ON ${quoteIdent(t.event)}` +
      (t.tags.length > 0 ? ` WHEN TAG IN (${t.tags.map(quoteLiteral).join(', ')})` : '') +
      ` EXECUTE FUNCTION ${quoteQualified(t.function.schema, t.function.name)}()`,
  );
}

const ENABLE: Record<EventTrigger['enabled'], string> = {
  origin: 'ENABLE',
  disabled: 'DISABLE',
  replica: 'ENABLE REPLICA',
  always: 'ENABLE ALWAYS',
};

/** ALTER EVENT TRIGGER name ENABLE / DISABLE / ENABLE REPLICA / ENABLE ALWAYS. */
export function setEventTriggerEnabled(name: string, enabled: EventTrigger['enabled']): Statement {
  return statement(
    'alter',
    refs.eventTrigger(name),
    `ALTER EVENT TRIGGER ${quoteIdent(name)} ${ENABLE[enabled]}`,
  );
}
