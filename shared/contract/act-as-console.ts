import { z } from 'zod';
import { defineCall } from './define.js';

const connectionId = z.string().min(1).max(200);

/** A persona as the console keeps it: claims as the developer wrote them (text), a pasted token, or anonymous. */
export const savedPersonaSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  kind: z.enum(['claims', 'jwt', 'anon']),
  /** The claims JSON text, formatting kept. */
  claims: z.string().max(100_000),
  token: z.string().max(16_384),
});
export type SavedPersona = z.infer<typeof savedPersonaSchema>;

/** A claim the database reads in a policy, view or function body. */
export const discoveredClaimSchema = z.object({
  name: z.string(),
  usedBy: z.array(z.string()),
});

export const actAsConsoleCalls = {
  'actAsConsole.personas.list': defineCall({
    summary: 'The personas saved for a connection (same server and database), "anonymous" excluded.',
    input: z.object({ connectionId }),
    output: z.object({ personas: z.array(savedPersonaSchema) }),
  }),
  'actAsConsole.personas.save': defineCall({
    summary: 'Replace the personas saved for a connection.',
    input: z.object({ connectionId, personas: z.array(savedPersonaSchema).max(500) }),
    output: z.object({ personas: z.array(savedPersonaSchema) }),
  }),
  'actAsConsole.claims': defineCall({
    summary: 'Custom JWT claims the database reads (request.jwt.claims in policies, views and functions).',
    input: z.object({ connectionId }),
    output: z.object({ claims: z.array(discoveredClaimSchema) }),
  }),
  'actAsConsole.cancel': defineCall({
    summary: 'Cancel one running act-as request or SQL run (pg_cancel_backend on its own backend only).',
    input: z.object({ connectionId, runId: z.string().min(1).max(100) }),
    output: z.object({ cancelled: z.number().int(), refused: z.number().int() }),
  }),
};
