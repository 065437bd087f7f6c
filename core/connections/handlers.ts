import type { HandlerGroup } from '../app/handler.js';
import { closeActAsSessions } from '../act-as/handlers.js';

export const connectionsHandlers: HandlerGroup<'connections'> = {
  'connections.list': async (_input, context) => ({ connections: await context.savedConnections.list() }),
  'connections.save': async (input, context) => context.savedConnections.save(input),
  'connections.delete': async (input, context) => {
    await context.connections.close(input.id);
    await closeActAsSessions(input.id);
    context.models.invalidate(input.id);
    await context.actAsConfigs.delete(input.id);
    return { deleted: await context.savedConnections.delete(input.id) };
  },
  'connections.test': async (input, context) => context.connections.test(input.params),
  'connections.open': async (input, context) => {
    if ('id' in input) {
      // An ad-hoc connection that is open but not saved: nothing to reopen from, report it as it is.
      const open = context.connections.status().find((c) => c.id === input.id);
      const isSaved = (await context.savedConnections.list()).some((c) => c.id === input.id);
      if (open && !isSaved) return { id: open.id, whoami: open.whoami, warnings: open.warnings };
      const { saved, params } = await context.savedConnections.get(input.id);
      // (Re)opened, possibly with other settings: its model is read afresh.
      context.models.invalidate(saved.id);
      return context.connections.open(params, { id: saved.id, name: saved.name });
    }
    return context.connections.open(input.params, input.name === undefined ? {} : { name: input.name });
  },
  'connections.close': async (input, context) => {
    await closeActAsSessions(input.id);
    context.models.invalidate(input.id);
    return { closed: await context.connections.close(input.id) };
  },
  'connections.status': async (_input, context) => ({
    defaultId: context.connections.defaultId,
    connections: context.connections.status(),
  }),
};
