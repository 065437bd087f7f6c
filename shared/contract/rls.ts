import { z } from 'zod';
import { defineCall } from './define.js';

/** A persona of the matrix: who PostgREST would make of a request (claims null = anonymous). */
export const matrixPersonaSchema = z.object({
  name: z.string().min(1).max(200),
  claims: z.record(z.string(), z.unknown()).nullable(),
  headers: z.record(z.string(), z.string()).optional(),
  cookies: z.record(z.string(), z.string()).optional(),
});
export type MatrixPersona = z.infer<typeof matrixPersonaSchema>;

export const matrixCommandSchema = z.enum(['select', 'insert', 'update', 'delete']);
export type MatrixCommand = z.infer<typeof matrixCommandSchema>;

/** One cell: persona × relation × command, what the probe found and why. `rows` for an allowed select. */
export const matrixCellSchema = z.object({
  persona: z.string(),
  relation: z.string(),
  command: matrixCommandSchema,
  allowed: z.boolean(),
  rows: z.number().int().optional(),
  reason: z.string(),
});
export type MatrixCell = z.infer<typeof matrixCellSchema>;

export const matrixSchema = z.object({ cells: z.array(matrixCellSchema) });
export type Matrix = z.infer<typeof matrixSchema>;

export const policyVerdictSchema = z.enum(['true', 'false', 'null']);

/** "Why this row?": each policy's expressions for one row, and the combined verdict. */
export const whyRowSchema = z.object({
  relation: z.string(),
  command: matrixCommandSchema,
  role: z.string(),
  rls: z.enum(['enabled', 'off', 'bypassed']),
  /** The row's values as the developer reads them (JSON of the row). */
  row: z.record(z.string(), z.unknown()),
  policies: z.array(
    z.object({
      name: z.string(),
      permissive: z.boolean(),
      using: z.string().nullable(),
      usingResult: policyVerdictSchema.nullable(),
      withCheck: z.string().nullable(),
      withCheckResult: policyVerdictSchema.nullable(),
      /** PostgreSQL's error when an expression could not be evaluated as the persona. */
      error: z.string().nullable(),
    }),
  ),
  verdict: z.boolean(),
  reason: z.string(),
});
export type WhyRow = z.infer<typeof whyRowSchema>;

/**
 * A warning of the overview: one of the advisor's findings (core/advisor is the one implementation), attached to
 * the relation it is about. `code` is the finding's id (table_without_rls, rls_not_forced, policy_write_all, …).
 */
export const rlsWarningSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  /** The policy it is about, when one. */
  policy: z.string().optional(),
  /** The fix the advisor proposes, in one line, when it has one (its statements are the advisor's). */
  fix: z.string().optional(),
});
export type RlsWarning = z.infer<typeof rlsWarningSchema>;

export const rlsOverviewSchema = z.object({
  /** Roles requests run as (the authenticator's switchable roles and db-anon-role). */
  requestRoles: z.array(z.string()),
  relations: z.array(
    z.object({
      schema: z.string(),
      name: z.string(),
      kind: z.string(),
      exposed: z.boolean(),
      rlsEnabled: z.boolean(),
      rlsForced: z.boolean(),
      owner: z.string(),
      securityInvoker: z.boolean(),
      policyCounts: z.object({
        ALL: z.number().int(),
        SELECT: z.number().int(),
        INSERT: z.number().int(),
        UPDATE: z.number().int(),
        DELETE: z.number().int(),
      }),
      policies: z.array(
        z.object({
          name: z.string(),
          permissive: z.boolean(),
          command: z.enum(['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE']),
          roles: z.array(z.string()),
          using: z.string().nullable(),
          withCheck: z.string().nullable(),
        }),
      ),
      warnings: z.array(rlsWarningSchema),
    }),
  ),
});
export type RlsOverview = z.infer<typeof rlsOverviewSchema>;

export const expressionProblemSchema = z.object({
  source: z.enum(['syntax', 'database']),
  /** UTF-16 offset into the expression, and the span to mark. */
  offset: z.number().int(),
  length: z.number().int(),
  message: z.string(),
});
export type ExpressionProblem = z.infer<typeof expressionProblemSchema>;

const connectionId = z.string().min(1).max(200);
const policyCommand = z.enum(['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE']);
const tableRef = {
  schema: z
    .string()
    .min(1)
    .max(63 * 4),
  table: z
    .string()
    .min(1)
    .max(63 * 4),
};

const identifier = z
  .string()
  .min(1)
  .max(63 * 4);

/** A policy as the editor holds it: every clause, expressions as SQL text (null = none). Roles empty = PUBLIC. */
export const policyDraftSchema = z.object({
  name: identifier,
  permissive: z.boolean(),
  command: policyCommand,
  roles: z.array(z.string().min(1)).max(100),
  using: z.string().max(100_000).nullable(),
  withCheck: z.string().max(100_000).nullable(),
});
export type PolicyDraft = z.infer<typeof policyDraftSchema>;

/** One change the RLS panel queues; core/ddl writes its statement. Roles empty = PUBLIC. */
export const rlsChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('rls'),
    ...tableRef,
    change: z.enum(['enable', 'disable', 'force', 'no_force']),
  }),
  z.object({
    kind: z.literal('create'),
    ...tableRef,
    name: z
      .string()
      .min(1)
      .max(63 * 4),
    permissive: z.boolean(),
    command: policyCommand,
    roles: z.array(z.string().min(1)).max(100),
    using: z.string().max(100_000).nullable(),
    withCheck: z.string().max(100_000).nullable(),
  }),
  z.object({
    kind: z.literal('alter'),
    ...tableRef,
    name: z.string().min(1),
    roles: z.array(z.string().min(1)).max(100).optional(),
    using: z.string().max(100_000).optional(),
    withCheck: z.string().max(100_000).optional(),
  }),
  z.object({
    kind: z.literal('rename'),
    ...tableRef,
    name: z.string().min(1),
    newName: z
      .string()
      .min(1)
      .max(63 * 4),
  }),
  z.object({ kind: z.literal('drop'), ...tableRef, name: z.string().min(1) }),
  /**
   * The editor's change of an existing policy `name` into `policy`: RENAME and ALTER where PostgreSQL can, and
   * with `recreate` DROP + CREATE where it cannot (PERMISSIVE/RESTRICTIVE, the command, removing an expression).
   */
  z.object({
    kind: z.literal('edit'),
    ...tableRef,
    name: z.string().min(1),
    policy: policyDraftSchema,
    recreate: z.boolean().default(false),
  }),
]);
// The input form: `recreate` may be left out (false).
export type RlsChange = z.input<typeof rlsChangeSchema>;
const relationRef = z.object({ schema: z.string().min(1), name: z.string().min(1) });

/** A policy shape people write most, filled in for one table: one or more policies, and what else it needs. */
export const policyTemplateSchema = z.object({
  id: z.enum(['owner', 'tenant', 'role-read', 'public-read', 'session']),
  label: z.string(),
  description: z.string(),
  policies: z.array(policyDraftSchema).min(1),
  /** SQL the pattern needs besides the policies (the pre-request function), to create where functions are written. */
  companionSql: z.string().nullable(),
});
export type PolicyTemplate = z.infer<typeof policyTemplateSchema>;

/** What the policy editor completes and templates from, computed in core from the model and the saved personas. */
export const policyEditorContextSchema = z.object({
  schema: z.string(),
  table: z.string(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  relations: z.array(
    z.object({ schema: z.string(), name: z.string(), kind: z.string(), columns: z.array(z.string()) }),
  ),
  functions: z.array(
    z.object({ schema: z.string(), name: z.string(), args: z.string(), returns: z.string() }),
  ),
  requestRoles: z.array(z.string()),
  /** JWT claim names in use (policies, views, functions, saved personas), with where each was seen. */
  claims: z.array(z.object({ name: z.string(), usedBy: z.array(z.string()) })),
  /** Settings the configured pre-request function sets (set_config('app.user_id', …)), for current_setting(). */
  sessionSettings: z.array(z.string()),
  templates: z.array(policyTemplateSchema),
});
export type PolicyEditorContext = z.infer<typeof policyEditorContextSchema>;

/** The statements a change would queue, or why it cannot be done as asked. */
export const rlsChangePlanSchema = z.object({
  statements: z.array(z.string()),
  /** Why the edit needs DROP + CREATE (set when `recreate` was not asked for, or to say that it happens). */
  recreateReason: z.string().nullable(),
  /** True when nothing would change. */
  unchanged: z.boolean(),
});
export type RlsChangePlan = z.infer<typeof rlsChangePlanSchema>;

export const rlsCalls = {
  'rls.matrix': defineCall({
    summary:
      "Who sees what: personas × the config's db-schemas relations × select/insert/update/delete, probed in rolled-back transactions; with preview, after the pending change set.",
    input: z.object({
      connectionId,
      personas: z.array(matrixPersonaSchema).min(1).max(50),
      preview: z.boolean().default(false),
    }),
    output: matrixSchema.extend({
      /** The pending statements the preview ran first (0 without preview). */
      previewed: z.number().int(),
    }),
  }),
  'rls.exportTests': defineCall({
    summary:
      'The matrix as tests to keep, as the database is now (no preview): pgTAP (pg_prove) or plain SQL assertions (psql); both pass on this database and roll back.',
    input: z.object({
      connectionId,
      personas: z.array(matrixPersonaSchema).min(1).max(50),
      format: z.enum(['pgtap', 'sql']),
    }),
    output: z.object({ fileName: z.string(), text: z.string() }),
  }),
  'rls.whyRow': defineCall({
    summary:
      'Why this row?: for one row and persona, each applying policy’s USING / WITH CHECK verdict and the combined one.',
    input: z.object({
      connectionId,
      persona: matrixPersonaSchema,
      relation: relationRef,
      key: z.record(z.string(), z.string().nullable()),
      command: matrixCommandSchema,
      preview: z.boolean().default(false),
    }),
    output: whyRowSchema,
  }),
  'rls.queue': defineCall({
    summary:
      'Queue an RLS change (enable/force, create/alter/rename/edit/drop policy) in the change set; DDL from core/ddl; expressions must parse and type-check.',
    input: z.object({ connectionId, change: rlsChangeSchema }),
    /** `sql`: the statements queued, one after the other (an edit may be RENAME + ALTER, or DROP + CREATE). */
    output: z.object({ sql: z.string(), statements: z.array(z.string()), pending: z.number().int() }),
  }),
  'rls.validate': defineCall({
    summary:
      'Check a policy expression: syntax with libpg-query, names and types by PostgreSQL (EXPLAIN after the pending change set, rolled back).',
    input: z.object({
      connectionId,
      schema: z.string(),
      table: z.string(),
      expression: z.string().max(100_000),
      /** Check against the database as the pending change set would leave it (a column it adds). */
      preview: z.boolean().default(true),
    }),
    output: z.object({ problems: z.array(expressionProblemSchema) }),
  }),
  'rls.plan': defineCall({
    summary:
      'The statements an RLS change would queue (core/ddl), without queuing: for an edit, RENAME/ALTER or why it needs DROP + CREATE.',
    input: z.object({ connectionId, change: rlsChangeSchema }),
    output: rlsChangePlanSchema,
  }),
  'rls.editorContext': defineCall({
    summary:
      "The policy editor's catalog for one table: its columns, other relations, functions, request roles, the JWT claim names in use and the templates.",
    input: z.object({ connectionId, ...tableRef }),
    output: policyEditorContextSchema,
  }),
  'rls.overview': defineCall({
    summary:
      'Every table and view with its RLS state, policies by command and warnings (RLS off where requests reach, not forced, obsolete claim settings, open writes, …).',
    input: z.object({ connectionId }),
    output: rlsOverviewSchema,
  }),
};
