import type { HandlerGroup } from '../app/handler.js';
import { changesetHandlers } from '../changeset/handlers.js';
import { planChanges, queueInputs } from './plan.js';

export const rolesHandlers: HandlerGroup<'roles'> = {
  // Checked against the connection's cached model; queued only when no change is refused, all or nothing.
  'roles.plan': async ({ connectionId, panel, changes, queue }, context) => {
    const model = await context.models.get(connectionId);
    const plan = planChanges(model, changes, panel);
    const statements = plan.changes.flatMap((c) =>
      c.statements.map((s) => ({ index: c.index, sql: s.redacted ?? s.sql, origin: c.origin })),
    );
    const refused = plan.problems.some((p) => p.severity === 'error');
    if (queue !== true || refused || statements.length === 0)
      return { statements, problems: [...plan.problems], changeSet: null };
    context.connections.target(connectionId); // GH108 for a connection that is not open
    await context.changeSets.add(connectionId, queueInputs(plan));
    return {
      statements,
      problems: [...plan.problems],
      changeSet: await changesetHandlers['changeset.list']({ connectionId }, context),
    };
  },
};
