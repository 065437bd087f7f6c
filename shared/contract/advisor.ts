import { z } from 'zod';
import { objectRefSchema } from '../model/catalog.js';
import { defineCall } from './define.js';
import { focusTargetSchema } from './focus.js';

const connectionId = z.string().min(1).max(200);

export const severitySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof severitySchema>;

/**
 * Where the studio shows a finding's object: a place in the role graph, the grants matrix, the policy editor or
 * the explorer (shared/contract/focus.ts), or a postgrest.conf setting (`config`), which no panel shows.
 */
export const findingLinkSchema = z.union([
  focusTargetSchema,
  z.object({ view: z.literal('config'), key: z.string() }),
]);
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

/** An endpoint as some request roles reach it: the same relation with other methods or rows is another entry. */
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
  /**
   * What it reaches: indexes into the map's `endpoints`, in endpoint order. Roles share entries — with hundreds of
   * request roles over thousands of tables, one object per role × endpoint was hundreds of megabytes of JSON.
   */
  endpoints: z.array(z.number().int().nonnegative()),
});
export type ReachRole = z.infer<typeof reachRoleSchema>;

export const reachMapSchema = z.object({
  authenticator: z.string().nullable(),
  schemas: z.array(z.string()),
  /** Every endpoint some request role reaches, once per way of reaching it (methods, rows). */
  endpoints: z.array(reachEndpointSchema),
  roles: z.array(reachRoleSchema),
});
export type ReachMap = z.infer<typeof reachMapSchema>;

/** The endpoints one role of the map reaches. */
export function endpointsOf(map: ReachMap, role: ReachRole): ReachEndpoint[] {
  return role.endpoints.map((i) => map.endpoints[i]!);
}

/** The map of one role: its endpoints only, renumbered (`gatehouse reach --role R`). */
export function reachOfRole(map: ReachMap, role: ReachRole): ReachMap {
  return {
    ...map,
    endpoints: endpointsOf(map, role),
    roles: [{ ...role, endpoints: role.endpoints.map((_, i) => i) }],
  };
}

/** The role × endpoint pairs of the map (what one row per pair would list). */
export function reachPairs(map: ReachMap): number {
  let n = 0;
  for (const r of map.roles) n += r.endpoints.length;
  return n;
}

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
