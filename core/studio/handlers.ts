import type { HandlerGroup } from '../app/handler.js';

export const studioHandlers: HandlerGroup<'studio'> = {
  'studio.info': async (_input, context) => ({
    version: context.version,
    mode: context.mode,
    platform: process.platform,
  }),
};
