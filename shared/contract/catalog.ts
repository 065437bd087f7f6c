import { z } from 'zod';
import { catalogSchema } from '../model/catalog.js';
import { defineCall } from './define.js';

export const catalogCalls = {
  'catalog.read': defineCall({
    summary:
      'The catalog of a connection: roles, objects, grants, policies and dependencies (read once, then cached; ' +
      '`refresh` reads it anew).',
    input: z.object({ connectionId: z.string().min(1), refresh: z.boolean().optional() }),
    output: catalogSchema,
  }),
};
