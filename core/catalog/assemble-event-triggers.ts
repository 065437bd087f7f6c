import type { EventTrigger } from '../../shared/model/catalog.js';
import type { EventTriggerRow } from './rows.js';

/** event-triggers.sql rows → the model's event triggers (already in name order, normalised in SQL). */
export function assembleEventTriggers(rows: readonly EventTriggerRow[]): EventTrigger[] {
  return rows.map((r) => ({
    oid: r.oid,
    name: r.name,
    event: r.event,
    function: { schema: r.function_schema, name: r.function_name },
    enabled: r.enabled,
    tags: [...r.tags],
    owner: r.owner,
    comment: r.comment,
  }));
}
