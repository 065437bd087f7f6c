import { z } from 'zod';
import { objectRefSchema } from '../model/catalog.js';
import { defineCall } from './define.js';

const connectionId = z.string().min(1).max(200);

export const severitySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof severitySchema>;

/** Where the studio shows a finding's object: the role graph, the grants matrix, the policy editor or the explorer. */
export const findingLinkSchema = z.object({
  view: z.enum(['roles', 'grants', 'policies', 'explorer', 'config']),
  ref: objectRefSchema,
});
export type FindingLink = z.infer<typeof findingLinkSchema>;

/** One DDL statement of a fix, with what it changes (the change set records it as the statement's origin). */
export const fixStatementSchema = z.object({ sql: z.string(), object: z.string(), action: z.string() });
export type FixStatement = z.infer<typeof fixStatementSchema>;

export const fixSchema = z.object({
  /** What the fix does, in one line. */
  summary: z.string(),
  statements: z.array(fixStatementSchema),
});
export type Fix = z.infer<typeof fixSchema>;

export const acknowledgementSchema = z.object({
  reason: z.string(),
  by: z.string().nullable(),
  at: z.string().nullable(),
});

/** One instance of a finding: a definition (`id`) applied to objects. */
export const findingSchema = z.object({
  /** The definition's stable id, e.g. `table_without_rls`. */
  id: z.string(),
  /** `id` + `:` + the object's label: unique in one run, the key an acknowledgement names. */
  key: z.string(),
  severity: severitySchema,
  title: z.string(),
  /** One line naming every object involved. */
  message: z.string(),
  /** Why it matters, one paragraph (the definition's). */
  why: z.string(),
  /** The main object's readable name (`api.orders`, `role web_anon`, `config db-schemas`). */
  object: z.string(),
  objects: z.array(objectRefSchema),
  /** A hash of the object's definition: an acknowledgement stops applying when it changes. */
  fingerprint: z.string(),
  /** The DDL that fixes it, or null when only a person can (then `fixNote` says what to do). */
  fix: fixSchema.nullable(),
  fixNote: z.string().nullable(),
  link: findingLinkSchema.nullable(),
  acknowledged: acknowledgementSchema.nullable(),
});
export type Finding = z.infer<typeof findingSchema>;

export const httpMethodSchema = z.enum(['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE']);
export type HttpMethod = z.infer<typeof httpMethodSchema>;

/** A method an endpoint answers for a role, and the columns it touches (null: every column). */
export const reachMethodSchema = z.object({
  method: httpMethodSchema,
  columns: z.array(z.string()).nullable(),
});

/** `filtered`: RLS decides which rows; `unfiltered`: every row; `definer`: an RPC running as its owner. */
export const rowFilterSchema = z.enum(['filtered', 'unfiltered', 'definer']);
export type RowFilter = z.infer<typeof rowFilterSchema>;

export const reachEndpointSchema = z.object({
  /** `/orders`, `/rpc/add_order` (schema-qualified when it is not the first of db-schemas). */
  path: z.string(),
  schema: z.string(),
  name: z.string(),
  kind: z.enum(['table', 'view', 'materialized_view', 'partitioned_table', 'foreign_table', 'function']),
  methods: z.array(reachMethodSchema),
  rows: rowFilterSchema,
  /** Whether any method writes (POST/PATCH/PUT/DELETE on a relation, POST to a volatile function). */
  write: z.boolean(),
  /** For a function: its identity arguments. */
  args: z.string().nullable(),
});
export type ReachEndpoint = z.infer<typeof reachEndpointSchema>;

export const reachRoleSchema = z.object({
  role: z.string(),
  /** How requests become this role: the anonymous role, or a JWT role the authenticator may switch to. */
  as: z.enum(['anon', 'jwt']),
  exists: z.boolean(),
  endpoints: z.array(reachEndpointSchema),
});
export type ReachRole = z.infer<typeof reachRoleSchema>;

export const reachMapSchema = z.object({
  authenticator: z.string().nullable(),
  schemas: z.array(z.string()),
  roles: z.array(reachRoleSchema),
});
export type ReachMap = z.infer<typeof reachMapSchema>;

export const advisorReportSchema = z.object({
  /** What the advisor assumed (defaults, an inferred authenticator, lines of postgrest.conf it could not use). */
  assumptions: z.array(z.string()),
  findings: z.array(findingSchema),
  reach: reachMapSchema,
  /** The acknowledgements file in use, or null. */
  ackFile: z.string().nullable(),
  /** Acknowledgements that matched no current finding (object changed or finding fixed). */
  staleAcks: z.array(z.object({ key: z.string(), reason: z.string() })),
  ms: z.number(),
});
export type AdvisorReport = z.infer<typeof advisorReportSchema>;

export const advisorCalls = {
  'advisor.run': defineCall({
    summary:
      'Run the exposure advisor on a connection with its PostgREST config: findings and the reach map.',
    input: z.object({
      connectionId,
      /** Read the catalog again first (after a change set applied). */
      refresh: z.boolean().optional(),
      ackFile: z.string().max(4096).optional(),
    }),
    output: advisorReportSchema,
  }),
  'advisor.acknowledge': defineCall({
    summary: 'Acknowledge a finding with a reason, in the acknowledgements file the team commits.',
    input: z.object({
      connectionId,
      key: z.string().min(1).max(2000),
      reason: z.string().min(1).max(2000),
      ackFile: z.string().max(4096).optional(),
    }),
    output: z.object({ ackFile: z.string() }),
  }),
};
