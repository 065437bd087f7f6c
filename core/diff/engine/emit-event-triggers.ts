import type { EventTrigger } from '../../../shared/model/catalog.js';
import { eventTriggerTarget, setEventTriggerEnabled } from '../../ddl/event-triggers.js';
import { eventTriggerPhases } from '../../ddl/object-phases.js';
import { commentOn, dropObject, ownerTo } from '../../ddl/target.js';
import type { Diff } from './context.js';
import { hazard } from './plan.js';

const SUPERUSER = hazard(
  'needs_superuser',
  'only a superuser may create, alter or own an event trigger: run the migration as one',
);

/** What CREATE EVENT TRIGGER fixes: a change to any of it recreates the trigger (no ALTER reaches it). */
const definition = (e: EventTrigger) => JSON.stringify([e.event, e.function.schema, e.function.name, e.tags]);

/**
 * Event triggers by name. They fire on DDL, so the old ones go first (before the migration's own DDL could fire
 * them) and the new ones come last (after it, so they do not fire on it) — as pg_dump places them. A changed
 * event, tag list or function recreates the trigger; its enabled state, owner and comment are altered in place.
 */
export function emitEventTriggers(d: Diff): void {
  if (!d.wants('event_trigger')) return;
  const fromE = new Map((d.from.model.eventTriggers ?? []).map((e) => [e.name, e]));
  const toE = new Map((d.to.model.eventTriggers ?? []).map((e) => [e.name, e]));
  const sql = (e: EventTrigger) => d.sql(d.to, eventTriggerTarget(e.name).object);
  const create = (e: EventTrigger, id: string) => {
    const p = eventTriggerPhases(e);
    const statements = p.create.filter(
      (s) => (s.kind !== 'owner' || d.wants('owner')) && (s.kind !== 'comment' || d.wants('comment')),
    );
    d.plan.add('last', statements, id, [SUPERUSER]);
  };
  for (const [name, e] of fromE) {
    const t = eventTriggerTarget(name);
    const next = toE.get(name);
    if (next === undefined) {
      const id = d.plan.change({
        action: 'drop',
        kind: 'event_trigger',
        object: t.object,
        summary: `drop event trigger ${name}`,
        fromSql: d.sql(d.from, t.object),
      });
      d.plan.add('first', dropObject(t), id, [SUPERUSER]);
      continue;
    }
    if (definition(e) !== definition(next)) {
      const id = d.plan.change({
        action: 'rebuild',
        kind: 'event_trigger',
        object: t.object,
        summary: `recreate event trigger ${name} (${e.event} → ${next.event})`,
        fromSql: d.sql(d.from, t.object),
        toSql: sql(next),
      });
      d.plan.add('first', dropObject(t), id, [SUPERUSER]);
      create(next, id);
      continue;
    }
    if (e.enabled !== next.enabled) {
      const id = d.plan.change({
        action: 'alter',
        kind: 'event_trigger',
        object: t.object,
        summary: `event trigger ${name}: ${e.enabled} → ${next.enabled}`,
        fromSql: d.sql(d.from, t.object),
        toSql: sql(next),
      });
      // Disabled first, enabled last: a trigger being switched off does not fire on the migration, one being
      // switched on starts after it.
      d.plan.add(
        next.enabled === 'disabled' ? 'first' : 'last',
        setEventTriggerEnabled(name, next.enabled),
        id,
        [SUPERUSER],
      );
    }
    if (e.owner !== next.owner && d.wants('owner')) {
      const id = d.plan.change({
        action: 'alter',
        kind: 'owner',
        object: t.object,
        summary: `owner of event trigger ${name}: ${e.owner} → ${next.owner}`,
      });
      d.plan.add('last', ownerTo(t, next.owner), id, [
        hazard('needs_superuser', `the new owner ${next.owner} must be a superuser`),
      ]);
    }
    if (e.comment !== next.comment && d.wants('comment')) {
      const id = d.plan.change({
        action: 'alter',
        kind: 'comment',
        object: t.object,
        summary: `comment on event trigger ${name}`,
      });
      d.plan.add('last', commentOn(t, next.comment), id);
    }
  }
  for (const [name, e] of toE) {
    if (fromE.has(name)) continue;
    const t = eventTriggerTarget(name);
    const id = d.plan.change({
      action: 'add',
      kind: 'event_trigger',
      object: t.object,
      summary: `create event trigger ${name} on ${e.event}`,
      toSql: sql(e),
    });
    create(e, id);
  }
}
