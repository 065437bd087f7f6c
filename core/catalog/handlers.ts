import type { HandlerGroup } from '../app/handler.js';

export const catalogHandlers: HandlerGroup<'catalog'> = {
  // Served from the connection's model cache; `refresh` (the studio's refresh button) reads it anew.
  'catalog.read': ({ connectionId, refresh }, context) =>
    refresh === true ? context.models.refresh(connectionId) : context.models.get(connectionId),
};
