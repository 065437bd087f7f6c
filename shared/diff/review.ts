import { z } from 'zod';
import { httpMethodSchema } from '../contract/advisor.js';
import { objectRefSchema } from '../model/catalog.js';

/**
 * What a migration changes for each request role of a PostgREST configuration (issue 13, point 5): the endpoints,
 * methods, columns and RPCs a role gains or loses, and the policies that change for it. Computed by
 * core/diff/review from the two models (before and after) and the configuration; shown above the SQL.
 */

const obj = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();

/** The part of a PostgREST configuration the review reads (the connection's postgrest.conf, or PostgREST's defaults). */
export const reviewConfigSchema = obj({
  /** db-schemas, in order (the first is the default profile). */
  schemas: z.array(z.string().min(1)).min(1),
  /** db-anon-role; null when anonymous requests are refused. */
  anonRole: z.string().nullable(),
  /** db-uri's user; null to infer it from the models (a LOGIN NOINHERIT role that may switch roles). */
  authenticator: z.string().nullable(),
});
export type ReviewConfig = z.infer<typeof reviewConfigSchema>;

export const reviewItemKindSchema = z.enum([
  /** A relation endpoint (table, view…) the role can call with some method, or no longer can. */
  'endpoint',
  /** Columns of an endpoint the role keeps: some columns come or go for a method. */
  'columns',
  /** Which rows a role's requests see: RLS starts or stops filtering them (or an RPC's rights change). */
  'rows',
  /** A function under /rpc. */
  'rpc',
  /** A policy applying to the role on a table its endpoints read. */
  'policy',
]);
export type ReviewItemKind = z.infer<typeof reviewItemKindSchema>;

/** One sentence of the review: "anon gains SELECT on api.members (GET /members)". */
export const reviewItemSchema = obj({
  role: z.string(),
  as: z.enum(['anon', 'jwt']),
  kind: reviewItemKindSchema,
  /** `gain` widens what the role may do or see, `loss` narrows it, `change` alters it either way (a policy's text). */
  direction: z.enum(['gain', 'loss', 'change']),
  /** Whether it is about writing (INSERT/UPDATE/DELETE, a volatile RPC, a write policy). */
  write: z.boolean(),
  /** 0 is the most dangerous; the review is sorted by it (anon gains, write gains, read gains, changes, losses). */
  rank: z.number().int(),
  /** The relation, function or policy it is about. */
  object: objectRefSchema,
  /** The privilege in words (`SELECT`, `INSERT`, `EXECUTE`) or the policy's command. */
  privilege: z.string(),
  methods: z.array(httpMethodSchema),
  /** The endpoint's path as PostgREST serves it (`/members`, `/rpc/login`, `/members (v2)`); null for policies. */
  path: z.string().nullable(),
  /** The columns gained or lost; null when the whole relation (every column) is meant. */
  columns: z.array(z.string()).nullable(),
  sentence: z.string(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const roleReviewSchema = obj({
  role: z.string(),
  as: z.enum(['anon', 'jwt']),
  /** Whether the role exists on each side (a migration may create or drop it). */
  before: z.boolean(),
  after: z.boolean(),
  items: z.array(reviewItemSchema),
});
export type RoleReview = z.infer<typeof roleReviewSchema>;

export const diffReviewSchema = obj({
  config: reviewConfigSchema,
  /** The authenticator used on each side (configured or inferred), null when none could be found. */
  authenticator: obj({ before: z.string().nullable(), after: z.string().nullable() }),
  /** Every item of every role, most dangerous first. */
  items: z.array(reviewItemSchema),
  roles: z.array(roleReviewSchema),
  /** What the review took for granted (an inferred authenticator, a missing schema, what it leaves out). */
  assumptions: z.array(z.string()),
});
export type DiffReview = z.infer<typeof diffReviewSchema>;
