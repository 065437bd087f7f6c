import { z } from 'zod';
import { defineCall } from './define.js';

const connectionId = z.string().min(1).max(200);
const statementId = z.string().min(1).max(100);

/** Where a pending statement came from: the panel, the object it changes, and what the user did. */
export const changeOriginSchema = z.object({
  /** The panel id (`roles`, `rls`, `explorer`, `cli` …). */
  panel: z.string().min(1).max(100),
  /** The object changed, as the panel names it (`api.orders`, `role app_user`); empty when none. */
  object: z.string().max(1000),
  /** What the user did (`grant SELECT`, `create policy`). */
  action: z.string().min(1).max(500),
});
export type ChangeOrigin = z.infer<typeof changeOriginSchema>;

/** `transaction`: inside the one transaction; `after`: after COMMIT, alone, only when the user confirms. */
export const statementPhaseSchema = z.enum(['transaction', 'after']);
export type StatementPhase = z.infer<typeof statementPhaseSchema>;

/** One statement waiting in a connection's change set. */
export const pendingStatementSchema = z.object({
  id: statementId,
  sql: z.string(),
  origin: changeOriginSchema,
  addedAt: z.string(),
  phase: statementPhaseSchema,
  /** Why it runs after the transaction (null when it runs inside). */
  reason: z.string().nullable(),
});
export type PendingStatement = z.infer<typeof pendingStatementSchema>;

export const changeSetSchema = z.object({
  connectionId,
  statements: z.array(pendingStatementSchema),
});
export type ChangeSet = z.infer<typeof changeSetSchema>;

/** Where one statement sits in the preview script (UTF-16 offsets, 1-based line). */
export const scriptRangeSchema = z.object({
  id: statementId,
  start: z.number().int(),
  end: z.number().int(),
  line: z.number().int(),
});
export type ScriptRange = z.infer<typeof scriptRangeSchema>;

/** PostgreSQL's error, with its position relative to the statement that failed. */
export const statementErrorSchema = z.object({
  /** SQLSTATE; null when the session died without one. */
  sqlstate: z.string().nullable(),
  message: z.string(),
  detail: z.string().nullable(),
  hint: z.string().nullable(),
  /** PostgreSQL's 1-based character position in the statement's text, when it gave one. */
  position: z.number().int().nullable(),
  /** Line and column of `position` within the statement (1-based). */
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  /** Where in a function body or internal query it happened, as PostgreSQL says. */
  where: z.string().nullable(),
  internalQuery: z.string().nullable(),
  /** True when the session was lost (terminated backend, network): the transaction was rolled back by the server. */
  connectionLost: z.boolean(),
});
export type StatementError = z.infer<typeof statementErrorSchema>;

export const statementStatusSchema = z.enum(['applied', 'failed', 'rolled-back', 'not-run']);
export type StatementStatus = z.infer<typeof statementStatusSchema>;

export const appliedStatementSchema = z.object({
  /** 0-based index in the set, in the order the statements were added. */
  index: z.number().int(),
  id: statementId,
  sql: z.string(),
  origin: changeOriginSchema,
  phase: statementPhaseSchema,
  status: statementStatusSchema,
  ms: z.number().nullable(),
});
export type AppliedStatement = z.infer<typeof appliedStatementSchema>;

/**
 * What an apply did. `applied`: all of it; `failed`: nothing (the transaction rolled back); `partial`: the
 * transaction committed but a statement after it failed (the statements list says which ran); `unknown`: the
 * connection was lost during COMMIT; `needs-confirmation`: nothing ran, some statements cannot run in a transaction.
 */
export const applyOutcomeSchema = z.enum(['applied', 'failed', 'partial', 'unknown', 'needs-confirmation']);
export type ApplyOutcome = z.infer<typeof applyOutcomeSchema>;

export const applyResultSchema = z.object({
  outcome: applyOutcomeSchema,
  /** One line for a toast or the CLI. */
  summary: z.string(),
  statements: z.array(appliedStatementSchema),
  /** The statement that failed; index, id and origin are null when BEGIN or COMMIT itself failed. */
  failure: z
    .object({
      index: z.number().int().nullable(),
      id: statementId.nullable(),
      origin: changeOriginSchema.nullable(),
      error: statementErrorSchema,
    })
    .nullable(),
  ms: z.number(),
  /** The history entry recorded for this apply (null when nothing ran). */
  historyId: z.string().nullable(),
});
export type ApplyResult = z.infer<typeof applyResultSchema>;

/** One apply as the local history keeps it. */
export const changeSetHistoryEntrySchema = z.object({
  id: z.string().min(1).max(100),
  at: z.string(),
  server: z.object({ host: z.string(), port: z.number().int(), version: z.string() }),
  database: z.string(),
  user: z.string(),
  /** `studio` or `cli`. */
  source: z.enum(['studio', 'cli']),
  outcome: applyOutcomeSchema.exclude(['needs-confirmation']),
  summary: z.string(),
  lockTimeoutMs: z.number().int(),
  statementTimeoutMs: z.number().int(),
  ms: z.number(),
  /** The exact statements sent, in the order they ran, with where each came from and what became of it. */
  statements: z.array(
    z.object({
      sql: z.string(),
      origin: changeOriginSchema,
      phase: statementPhaseSchema,
      status: statementStatusSchema,
    }),
  ),
  failure: z
    .object({
      index: z.number().int().nullable(),
      sqlstate: z.string().nullable(),
      message: z.string(),
      position: z.number().int().nullable(),
    })
    .nullable(),
});
export type ChangeSetHistoryEntry = z.infer<typeof changeSetHistoryEntrySchema>;

/** 0 turns a timeout off, as in PostgreSQL. */
const timeoutMs = z.number().int().min(0).max(86_400_000);

export const changesetCalls = {
  'changeset.list': defineCall({
    summary: "The statements pending in a connection's change set, in order, with where each came from.",
    input: z.object({ connectionId }),
    output: changeSetSchema,
  }),
  'changeset.preview': defineCall({
    summary: 'The pending change set as the SQL script apply will run, with where each statement sits in it.',
    input: z.object({ connectionId }),
    output: changeSetSchema.extend({ script: z.string(), ranges: z.array(scriptRangeSchema) }),
  }),
  'changeset.add': defineCall({
    summary:
      "Queue statements in a connection's change set (each parsed; a text with several statements is split).",
    input: z.object({
      connectionId,
      statements: z
        .array(z.object({ sql: z.string().min(1).max(1_000_000), origin: changeOriginSchema }))
        .min(1)
        .max(5_000),
    }),
    output: changeSetSchema,
  }),
  'changeset.remove': defineCall({
    summary: 'Take one statement out of the change set.',
    input: z.object({ connectionId, id: statementId }),
    output: changeSetSchema,
  }),
  'changeset.discard': defineCall({
    summary: 'Empty the change set of a connection.',
    input: z.object({ connectionId }),
    output: changeSetSchema,
  }),
  'changeset.apply': defineCall({
    summary:
      'Apply the change set in one transaction (lock_timeout, statement_timeout, never retried); statements that cannot run in a transaction run after it, only when confirmed.',
    input: z.object({
      connectionId,
      confirmNonTransactional: z.boolean().default(false),
      /** The ids the user reviewed: refused (GH604) if the set changed since. */
      expectIds: z.array(statementId).max(5_000).optional(),
      lockTimeoutMs: timeoutMs.optional(),
      statementTimeoutMs: timeoutMs.optional(),
    }),
    output: applyResultSchema,
  }),
  'changeset.history.list': defineCall({
    summary: 'The change sets applied on this database (same server and database), newest first.',
    input: z.object({ connectionId }),
    output: z.object({ entries: z.array(changeSetHistoryEntrySchema) }),
  }),
  'changeset.history.export': defineCall({
    summary: 'Applied change sets as one migration file: plain SQL with a header comment, oldest first.',
    input: z.object({ connectionId, ids: z.array(z.string().min(1).max(100)).min(1).max(500) }),
    output: z.object({ filename: z.string(), sql: z.string() }),
  }),
};
