import { z } from 'zod';
import { defineCall } from './define.js';

/** Who a simulated request runs as: a token, claims signed with the connection's jwt-secret, or anonymous. */
export const personaSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('jwt'), token: z.string().min(1).max(16_384) }),
  z.object({ type: z.literal('claims'), claims: z.record(z.string(), z.json()) }),
  z.object({ type: z.literal('anon') }),
]);
export type Persona = z.infer<typeof personaSchema>;

const headerPair = z.tuple([z.string(), z.string()]);

/** An HTTP response as PostgREST would send it. */
export const simResponseSchema = z.object({
  status: z.number().int(),
  statusText: z.string().nullable(),
  headers: z.array(headerPair),
  body: z.string(),
});

/** One statement that ran inside the request transaction, with its parameters and duration. */
export const tracedStatementSchema = z.object({
  sql: z.string(),
  params: z.array(z.string().nullable()),
  ms: z.number(),
});

/** The session after db-pre-request ran: the role and claims it left, the settings it changed or added. */
export const afterPreRequestSchema = z.object({
  role: z.string(),
  claims: z.record(z.string(), z.json()).nullable(),
  changed: z.array(headerPair),
});
export type AfterPreRequest = z.infer<typeof afterPreRequestSchema>;

/** The session the request ran in: PostgREST's transaction-scoped settings. */
export const sessionContextSchema = z.object({
  role: z.string(),
  claims: z.record(z.string(), z.json()),
  method: z.string(),
  path: z.string(),
  headers: z.array(headerPair),
  cookies: z.array(headerPair),
  searchPath: z.array(z.string()),
  roleSettings: z.array(headerPair),
  appSettings: z.array(headerPair),
  functionSettings: z.array(headerPair),
  timezone: z.string().nullable(),
  preRequest: z.object({ schema: z.string(), name: z.string() }).nullable(),
  isolationLevel: z.enum(['read committed', 'repeatable read', 'serializable']),
  readOnly: z.boolean(),
  /** Studio only: the session as the pre-request function left it (null: no pre-request, or not read). */
  afterPreRequest: afterPreRequestSchema.nullable().default(null),
});
export type SessionContextShape = z.infer<typeof sessionContextSchema>;

/**
 * Studio only: how many rows the request's filters match for the developer (the owner, RLS not applied) and how
 * many the persona read or touched — the rows RLS hid silently are the difference.
 */
export const rowCheckSchema = z.object({
  command: z.enum(['SELECT', 'UPDATE', 'DELETE']),
  schema: z.string(),
  table: z.string(),
  role: z.string(),
  matching: z.number().int(),
  affected: z.number().int(),
});
export type RowCheck = z.infer<typeof rowCheckSchema>;

export const pgrstErrorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.json(),
  hint: z.json(),
});

const connectionId = z.string().min(1).max(200);

/** The PostgREST major act-as answers as (core/act-as/versions.ts). */
export const postgrestVersionSchema = z.union([z.literal(12), z.literal(13), z.literal(14), z.literal(16)]);

export const actAsCalls = {
  'actAs.request': defineCall({
    summary: 'Answer an HTTP request exactly as PostgREST would, as a persona; rolled back unless commit.',
    input: z.object({
      connectionId,
      method: z.string().min(1).max(16),
      /** Path and query string, e.g. `/orders?select=id&user_id=eq.1`. */
      path: z.string().min(1).max(65_536),
      headers: z.array(headerPair).default([]),
      body: z.string().nullable().default(null),
      persona: personaSchema,
      commit: z.boolean().default(false),
      /** Chosen by the caller; actAsConsole.cancel with the same id cancels exactly this run's backend. */
      runId: z.string().min(1).max(100).optional(),
    }),
    output: z.object({
      response: simResponseSchema,
      sql: z.array(tracedStatementSchema),
      context: sessionContextSchema.nullable(),
      /** Rows hidden by RLS, measured after a rolled-back read, update or delete (null: not measured). */
      rowCheck: rowCheckSchema.nullable().default(null),
      committed: z.boolean(),
      /** The PostgREST major the answer is PostgREST's of. */
      postgrestVersion: postgrestVersionSchema,
      timing: z.object({
        authMs: z.number(),
        parseMs: z.number(),
        planMs: z.number(),
        renderMs: z.number(),
        executeMs: z.number(),
        totalMs: z.number(),
      }),
    }),
  }),
  'actAs.sql': defineCall({
    summary:
      "Run SQL inside a persona's PostgREST session (role, claims, settings); rolled back unless commit.",
    input: z.object({
      connectionId,
      sql: z.string().min(1).max(1_000_000),
      persona: personaSchema,
      commit: z.boolean().default(false),
      /** Chosen by the caller; actAsConsole.cancel with the same id cancels exactly this run's backend. */
      runId: z.string().min(1).max(100).optional(),
    }),
    output: z.object({
      results: z
        .array(
          z.object({
            command: z.string(),
            rowCount: z.number().nullable(),
            columns: z.array(z.string()),
            rows: z.array(z.array(z.string().nullable())),
          }),
        )
        .nullable(),
      error: pgrstErrorBodySchema.extend({ status: z.number().int() }).nullable(),
      sql: z.array(tracedStatementSchema),
      context: sessionContextSchema.nullable(),
      committed: z.boolean(),
      ms: z.number(),
    }),
  }),
  'actAs.config.get': defineCall({
    summary:
      'The PostgREST configuration (postgrest.conf text) act-as uses for a connection, and what it means.',
    input: z.object({ connectionId }),
    output: z.object({
      text: z.string(),
      /** The effective settings, or the problem with the text. */
      effective: z.record(z.string(), z.json()).nullable(),
      problem: z.string().nullable(),
      postgrestVersion: postgrestVersionSchema,
    }),
  }),
  'actAs.config.set': defineCall({
    summary: 'Set the PostgREST configuration (postgrest.conf text) act-as uses for a connection.',
    input: z.object({
      connectionId,
      text: z.string().max(1_000_000),
      /** Answer as this PostgREST major from now on (unchanged when absent). */
      postgrestVersion: postgrestVersionSchema.optional(),
    }),
    output: z.object({
      effective: z.record(z.string(), z.json()),
    }),
  }),
  'actAs.reload': defineCall({
    summary:
      "Reload act-as's schema cache and role settings for a connection (PostgREST's NOTIFY pgrst reload).",
    input: z.object({ connectionId }),
    output: z.object({ reloaded: z.boolean() }),
  }),
  'actAs.mintJwt': defineCall({
    summary:
      "Sign claims as a JWT (HS256) with a secret or the connection's jwt-secret; no claims are added.",
    input: z.object({
      claims: z.record(z.string(), z.json()),
      secret: z.string().min(1).optional(),
      connectionId: connectionId.optional(),
      /** Adds `exp` = now + this many seconds when given. */
      expiresInSeconds: z.number().int().positive().optional(),
    }),
    output: z.object({ token: z.string() }),
  }),
  'actAs.decodeJwt': defineCall({
    summary:
      "Decode a JWT and check it as PostgREST would with the connection's config (signature, exp, role).",
    input: z.object({ token: z.string().min(1).max(16_384), connectionId: connectionId.optional() }),
    output: z.object({
      header: z.record(z.string(), z.json()).nullable(),
      claims: z.record(z.string(), z.json()).nullable(),
      /** null when no connection/config was given to verify against. */
      valid: z.boolean().nullable(),
      role: z.string().nullable(),
      error: pgrstErrorBodySchema.nullable(),
    }),
  }),
};
