import { z } from 'zod';
import { objectRefSchema } from '../model/catalog.js';
import { defineCall } from './define.js';
import { focusTargetSchema } from './focus.js';

const connectionId = z.string().min(1).max(200);

export const severitySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof severitySchema>;

/**
 * Where the studio shows a finding's object: a place in the role graph, the grants matrix, the policy editor, the
 * explorer or the connection's PostgREST configuration (shared/contract/focus.ts): where the user fixes it.
 */
export const findingLinkSchema = focusTargetSchema;
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
  /** The objects it is about; the request roles concerned are in `roles`, not here. */
  objects: z.array(objectRefSchema),
  /**
   * The request roles concerned (who reaches the table, who lacks USAGE…): the first few and how many in all.
   * With hundreds of request roles over thousands of tables, every name on every finding was 130 MB of JSON.
   */
  roles: z.object({ names: z.array(z.string()), total: z.number().int().nonnegative() }),
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
   * What it reaches: indexes into the map's `endpoints`, in endpoint order, as runs of consecutive indexes
   * (`[first, length, first, length…]`). Roles share entries — with hundreds of request roles over thousands of
   * tables, one object per role × endpoint was hundreds of megabytes of JSON, one index per pair still 9 MB.
   */
  runs: z.array(z.number().int().nonnegative()),
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

/** Indexes as runs of consecutive ones (`[first, length…]`): how a role lists its endpoints. */
export function toRuns(indexes: readonly number[]): number[] {
  const runs: number[] = [];
  for (const i of indexes) {
    const n = runs.length;
    if (n > 0 && runs[n - 2]! + runs[n - 1]! === i) runs[n - 1]! += 1;
    else runs.push(i, 1);
  }
  return runs;
}

/** The indexes into the map's endpoints that one role reaches, in order. */
export function endpointIndexes(role: ReachRole): number[] {
  const out: number[] = [];
  for (let k = 0; k + 1 < role.runs.length; k += 2)
    for (let i = role.runs[k]!, end = i + role.runs[k + 1]!; i < end; i++) out.push(i);
  return out;
}

/** How many endpoints a role reaches. */
export function endpointCount(role: ReachRole): number {
  let n = 0;
  for (let k = 1; k < role.runs.length; k += 2) n += role.runs[k]!;
  return n;
}

/** The endpoints one role of the map reaches. */
export function endpointsOf(map: ReachMap, role: ReachRole): ReachEndpoint[] {
  return endpointIndexes(role).map((i) => map.endpoints[i]!);
}

/** The map of one role: its endpoints only, renumbered (`gatehouse reach --role R`). */
export function reachOfRole(map: ReachMap, role: ReachRole): ReachMap {
  const endpoints = endpointsOf(map, role);
  return {
    ...map,
    endpoints,
    roles: [{ ...role, runs: endpoints.length === 0 ? [] : [0, endpoints.length] }],
  };
}

/** The role × endpoint pairs of the map (what one row per pair would list). */
export function reachPairs(map: ReachMap): number {
  let n = 0;
  for (const r of map.roles) n += endpointCount(r);
  return n;
}

/** A role's totals in the reach map: what the studio lists for each role when the map is too big to send. */
export const reachTotalsSchema = z.object({
  role: z.string(),
  as: z.enum(['anon', 'jwt']),
  exists: z.boolean(),
  endpoints: z.number().int().nonnegative(),
  writes: z.number().int().nonnegative(),
  unfiltered: z.number().int().nonnegative(),
});
export type ReachTotals = z.infer<typeof reachTotalsSchema>;

/** Each role's endpoints, writes and unfiltered ones. */
export function reachTotals(map: ReachMap): ReachTotals[] {
  return map.roles.map((r) => {
    let writes = 0;
    let unfiltered = 0;
    const indexes = endpointIndexes(r);
    for (const i of indexes) {
      const e = map.endpoints[i]!;
      if (e.write) writes++;
      if (e.rows === 'unfiltered') unfiltered++;
    }
    return { role: r.role, as: r.as, exists: r.exists, endpoints: indexes.length, writes, unfiltered };
  });
}

/**
 * Above this many role × endpoint pairs the studio lists each role's totals (pick one to see its endpoints), and
 * `advisor.run` sends the totals, not the map: 300 request roles over 5,000 tables were 6 MB of indexes.
 */
export const MAX_REACH_PAIRS = 2000;

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

/** A finding definition's text, sent once per id rather than on each of its findings. */
export const findingDefinitionSchema = z.object({
  severity: severitySchema,
  title: z.string(),
  why: z.string(),
});

/**
 * A finding as the studio's list shows it: what, where it links, whether it has a fix. Its objects, roles and fix
 * come with `advisor.finding` when it is opened — the list of thousands carries only what it draws.
 */
export const findingRowSchema = z.object({
  id: z.string(),
  severity: severitySchema,
  object: z.string(),
  message: z.string(),
  hasFix: z.boolean(),
  link: findingLinkSchema.nullable(),
  acknowledged: acknowledgementSchema.nullable(),
});
export type FindingRow = z.infer<typeof findingRowSchema>;

/** A finding's key (what an acknowledgement names): its definition's id and its main object. */
export const findingKey = (f: { readonly id: string; readonly object: string }): string =>
  `${f.id}:${f.object}`;

/**
 * `advisor.run`'s answer: the report as the panel draws it (definitions once, findings as rows; the reach map whole
 * up to MAX_REACH_PAIRS pairs, above it without endpoints — `advisor.reach` gives one role's — and each role's totals).
 */
export const advisorViewSchema = advisorReportSchema.omit({ findings: true }).extend({
  definitions: z.record(z.string(), findingDefinitionSchema),
  findings: z.array(findingRowSchema),
  reachComplete: z.boolean(),
  reachTotals: z.array(reachTotalsSchema),
});
export type AdvisorView = z.infer<typeof advisorViewSchema>;

/** What an opened finding adds to its row: the objects and roles involved, and the DDL that fixes it. */
export const findingDetailSchema = z.object({
  key: z.string(),
  objects: z.array(objectRefSchema),
  roles: findingSchema.shape.roles,
  fix: z.object({ summary: z.string(), statements: z.array(z.string()) }).nullable(),
  fixNote: z.string().nullable(),
});
export type FindingDetail = z.infer<typeof findingDetailSchema>;

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
    output: advisorViewSchema,
  }),
  'advisor.finding': defineCall({
    summary: "One finding of the connection's last advisor run in full: its objects, roles and fix.",
    input: z.object({ connectionId, key: z.string().min(1).max(2000) }),
    output: findingDetailSchema,
  }),
  'advisor.reach': defineCall({
    summary: "What one request role reaches, from the connection's last advisor run (its endpoints only).",
    input: z.object({ connectionId, role: z.string().min(1).max(200) }),
    output: reachMapSchema,
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
