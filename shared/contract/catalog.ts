import { z } from 'zod';
import { catalogSchema } from '../model/catalog.js';
import { defineCall } from './define.js';

export const catalogCalls = {
  'catalog.read': defineCall({
    summary: 'Read the catalog of a connection: roles, objects, grants, policies and dependencies.',
    input: z.object({ connectionId: z.string().min(1) }),
    output: catalogSchema,
  }),
};
