import { z } from 'zod';
import {
  personaSchema,
  pgrstErrorBodySchema,
  sessionContextSchema,
  tracedStatementSchema,
} from './act-as.js';
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
  /**
   * Headers the persona sends with every request (a `Cookie` header for a pre-request cookie session, an API
   * key …); a request's own headers of the same name win.
   */
  headers: z
    .array(z.tuple([z.string().min(1).max(200), z.string().max(16_384)]))
    .max(50)
    .optional(),
});
export type SavedPersona = z.infer<typeof savedPersonaSchema>;

/** A claim the database reads in a policy, view or function body. */
export const discoveredClaimSchema = z.object({
  name: z.string(),
  usedBy: z.array(z.string()),
});

const pair = z.tuple([z.string(), z.string()]);

/**
 * One console run kept in the host's history: enough to re-run, edit and export it. The persona is kept by id and
 * name (its token is never stored; re-runs use the saved persona of that id), Authorization headers are dropped.
 */
export const historyEntrySchema = z.object({
  id: z.string().min(1).max(100),
  at: z.string().max(64),
  request: z.object({
    method: z.string().min(1).max(16),
    path: z.string().max(65_536),
    headers: z.array(pair).max(200),
    body: z.string().nullable(),
  }),
  persona: savedPersonaSchema,
  status: z.number().int(),
  ms: z.number(),
  committed: z.boolean(),
  response: z.object({ headers: z.array(pair), body: z.string() }),
});
export type HistoryEntryRecord = z.infer<typeof historyEntrySchema>;

const relationRef = z.object({ schema: z.string(), name: z.string() });

/** A relation PostgREST lets `from` embed (select=name(…)), from the simulator's schema cache. */
export const embeddableSchema = z.object({
  from: relationRef,
  /** What select= names: the target relation, or the function of a computed relationship. */
  name: z.string(),
  target: relationRef,
  cardinality: z.enum(['many-to-one', 'one-to-many', 'one-to-one', 'many-to-many', 'computed']),
  toOne: z.boolean(),
  /** What `!hint` accepts to pick this one: FK constraint and columns, or the junction table. */
  hints: z.array(z.string()),
});
export type Embeddable = z.infer<typeof embeddableSchema>;

export const actAsConsoleCalls = {
  'actAsConsole.embeddables': defineCall({
    summary:
      "Every embed PostgREST would accept on a connection (FK, many-to-many, computed, through views), from act-as's schema cache.",
    input: z.object({ connectionId }),
    output: z.object({ schemas: z.array(z.string()), embeddables: z.array(embeddableSchema) }),
  }),
  'actAsConsole.history.list': defineCall({
    summary: "The console's run history for a connection (same server and database), newest first.",
    input: z.object({ connectionId }),
    output: z.object({ entries: z.array(historyEntrySchema) }),
  }),
  'actAsConsole.history.add': defineCall({
    summary:
      'Keep one run in the history (at most 500 per database; tokens and Authorization headers dropped).',
    input: z.object({ connectionId, entry: historyEntrySchema }),
    output: z.object({ entries: z.array(historyEntrySchema) }),
  }),
  'actAsConsole.history.clear': defineCall({
    summary: "Forget a connection's run history.",
    input: z.object({ connectionId }),
    output: z.object({ entries: z.array(historyEntrySchema) }),
  }),
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
  'actAsConsole.explain': defineCall({
    summary:
      "EXPLAIN a request's statement with its bound parameters, in the request's session (role, claims, settings, pre-request), rolled back.",
    input: z.object({
      connectionId,
      persona: personaSchema,
      statement: z.object({ sql: z.string().min(1).max(1_000_000), params: z.array(z.string().nullable()) }),
      /** The context the request reported: method, path, headers, search_path… (role and claims come from the persona). */
      context: sessionContextSchema,
      analyze: z.boolean().default(false),
      runId: z.string().min(1).max(100).optional(),
    }),
    output: z.object({
      /** EXPLAIN (FORMAT JSON, VERBOSE) as PostgreSQL returns it: drawn as a tree, offered raw. */
      plan: z.unknown().nullable(),
      error: pgrstErrorBodySchema.extend({ status: z.number().int() }).nullable(),
      sql: z.array(tracedStatementSchema),
      context: sessionContextSchema.nullable(),
      ms: z.number(),
    }),
  }),
  'actAsConsole.cancel': defineCall({
    summary: 'Cancel one running act-as request or SQL run (pg_cancel_backend on its own backend only).',
    input: z.object({ connectionId, runId: z.string().min(1).max(100) }),
    output: z.object({ cancelled: z.number().int(), refused: z.number().int() }),
  }),
};
