import { z } from 'zod';
import { defineCall } from './define.js';
import {
  connectionParamsSchema,
  connectionStatusSchema,
  savedConnectionSchema,
  whoamiSchema,
} from '../model/connection.js';

const idInput = z.object({ id: z.string().min(1).max(200) });

export const connectionsCalls = {
  'connections.list': defineCall({
    summary: 'Saved connections (never with passwords).',
    input: z.object({}),
    output: z.object({ connections: z.array(savedConnectionSchema) }),
  }),
  'connections.save': defineCall({
    summary: 'Create or update a saved connection; a password goes to the secret store, never the JSON file.',
    input: z.object({
      id: z.string().min(1).max(200).optional(),
      name: z.string().min(1).max(200),
      params: connectionParamsSchema,
    }),
    output: savedConnectionSchema,
  }),
  'connections.delete': defineCall({
    summary: 'Forget a saved connection and its stored password.',
    input: idInput,
    output: z.object({ deleted: z.boolean() }),
  }),
  'connections.test': defineCall({
    summary: 'Try connection parameters without saving them: who would we be?',
    input: z.object({ params: connectionParamsSchema }),
    output: z.object({ whoami: whoamiSchema, warnings: z.array(z.string()) }),
  }),
  'connections.open': defineCall({
    summary: 'Open a saved connection (by id) or ad-hoc parameters; returns its id, who we are and warnings.',
    input: z.union([
      z.object({ id: z.string().min(1).max(200) }),
      z.object({ params: connectionParamsSchema, name: z.string().max(200).optional() }),
    ]),
    output: z.object({ id: z.string(), whoami: whoamiSchema, warnings: z.array(z.string()) }),
  }),
  'connections.close': defineCall({
    summary: 'Close an open connection and its pool.',
    input: idInput,
    output: z.object({ closed: z.boolean() }),
  }),
  'connections.status': defineCall({
    summary: 'State of the open connections (connected, lost, reconnecting), with the default one.',
    input: z.object({}),
    output: z.object({ defaultId: z.string().nullable(), connections: z.array(connectionStatusSchema) }),
  }),
};
