import { z } from 'zod';
import { catalogSchema, objectRefSchema } from '../model/catalog.js';
import { defineCall } from './define.js';

export const catalogCalls = {
  'catalog.read': defineCall({
    summary:
      'The catalog of a connection: roles, objects, grants, policies and dependencies (read once, then cached; ' +
      '`refresh` reads it anew).',
    input: z.object({ connectionId: z.string().min(1), refresh: z.boolean().optional() }),
    output: catalogSchema,
  }),
  'catalog.ddl': defineCall({
    summary:
      'The CREATE script of one object (with what depends on it: indexes, keys, triggers, RLS, policies, grants), written by the host from a fresh catalog read.',
    input: z.object({ connectionId: z.string().min(1), object: objectRefSchema }),
    output: z.object({ sql: z.string() }),
  }),
};
