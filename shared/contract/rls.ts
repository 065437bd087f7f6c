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

export const rlsWarningSchema = z.object({
  code: z.enum([
    'rls_off_exposed',
    'owner_not_forced',
    'obsolete_claim_setting',
    'open_write_policy',
    'policy_rls_off',
    'view_owner_rights',
  ]),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  /** The policy it is about, when one. */
  policy: z.string().optional(),
  /** The RLS change that fixes it, when one. */
  fix: z.enum(['enable', 'force']).optional(),
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
]);
export type RlsChange = z.infer<typeof rlsChangeSchema>;
const relationRef = z.object({ schema: z.string().min(1), name: z.string().min(1) });

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
      'Queue an RLS change (enable/force, create/alter/rename/drop policy) in the change set; DDL from core/ddl.',
    input: z.object({ connectionId, change: rlsChangeSchema }),
    output: z.object({ sql: z.string(), pending: z.number().int() }),
  }),
  'rls.validate': defineCall({
    summary:
      'Check a policy expression: syntax with libpg-query, names and types by PostgreSQL (EXPLAIN, rolled back).',
    input: z.object({
      connectionId,
      schema: z.string(),
      table: z.string(),
      expression: z.string().max(100_000),
    }),
    output: z.object({ problems: z.array(expressionProblemSchema) }),
  }),
  'rls.overview': defineCall({
    summary:
      'Every table and view with its RLS state, policies by command and warnings (RLS off where requests reach, not forced, obsolete claim settings, open writes, …).',
    input: z.object({ connectionId }),
    output: rlsOverviewSchema,
  }),
};
