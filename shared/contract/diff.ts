import { z } from 'zod';
import { changeSchema, diffOptionsSchema, migrationSchema } from '../diff/migration.js';
import { EXPORT_FORMATS, type ExportFormat } from '../diff/export-formats.js';
import { diffReviewSchema, reviewConfigSchema } from '../diff/review.js';
import { gatehouseErrorSchema } from './error.js';
import { defineCall } from './define.js';

const connectionId = z.string().min(1).max(200);
const comparisonId = z.string().min(1).max(100);

/** POSIX `/…`, Windows `C:\…` or `\\server\share…`: a path the studio's host can read without a working directory. */
const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

/** A path on the studio's machine (the host reads it, not the browser): absolute, so it means one thing. */
export const serverPathSchema = z
  .string()
  .trim()
  .min(1, 'Give a path.')
  .max(4096)
  .refine((p) => !p.includes('\0'), 'A path cannot contain a NUL character.')
  .refine(
    (p) => ABSOLUTE.test(p),
    'The path must be absolute: the studio reads it on its own machine, where a relative path means nothing (write e.g. /home/me/project/migrations).',
  );

/** One side of a comparison: an open connection, a snapshot file, a .sql file, or a folder of .sql files. */
export const diffSideSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('connection'), connectionId }).strict(),
  z.object({ kind: z.literal('snapshot'), path: serverPathSchema }).strict(),
  z.object({ kind: z.literal('sql-file'), path: serverPathSchema }).strict(),
  z.object({ kind: z.literal('folder'), path: serverPathSchema }).strict(),
]);
export type DiffSide = z.infer<typeof diffSideSchema>;

/** What a side turned out to be, for the header: `Demo shop (18.4)`, `migrations/ (12 files, shadow 18.4)`. */
export const sideSummarySchema = z.object({
  kind: z.enum(['connection', 'snapshot', 'sql-file', 'folder']),
  label: z.string(),
  serverVersion: z.string(),
});
export type SideSummary = z.infer<typeof sideSummarySchema>;

/** A long read's progress (a folder applied to the shadow database file by file, a catalog read). */
export const diffProgressSchema = z.object({
  side: z.enum(['from', 'to', 'plan', 'verify']),
  message: z.string(),
  done: z.number().int().nullable(),
  total: z.number().int().nullable(),
});
export type DiffProgress = z.infer<typeof diffProgressSchema>;

/** A comparison planned under some options: the migration, what it changes for whom, and its script. */
export const comparisonSchema = z.object({
  comparisonId,
  from: sideSummarySchema,
  to: sideSummarySchema,
  options: diffOptionsSchema,
  migration: migrationSchema,
  review: diffReviewSchema,
  /** The migration as it would be exported (hazards in comments, BEGIN/COMMIT around the transactional part). */
  script: z.string(),
  /** The connection the migration could be applied to (the source side, when it is an open connection). */
  applyTo: connectionId.nullable(),
});
export type Comparison = z.infer<typeof comparisonSchema>;

export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type { ExportFormat };

/** The result of verifying: applied to a shadow copy of the source, then diffed again against the target. */
export const verificationSchema = z.object({
  verified: z.boolean(),
  /** What still differs after the migration ran and nothing explains (empty when verified). */
  residue: z.array(changeSchema),
  /** What still differs because it was ticked out of the migration: expected, not held against it. */
  leftOut: z.array(changeSchema),
  /** The shadow run's error, when the migration failed there. */
  error: z.string().nullable(),
});
export type Verification = z.infer<typeof verificationSchema>;

export const diffCalls = {
  'diff.compare': defineCall({
    summary:
      'Start comparing two sides (connection, snapshot, .sql file, folder through the shadow database); poll diff.progress.',
    input: z.object({
      from: diffSideSchema,
      to: diffSideSchema,
      options: diffOptionsSchema.default({}),
      /** The PostgREST configuration the review uses; default: the connection side's postgrest.conf. */
      review: reviewConfigSchema.optional(),
    }),
    output: z.object({ comparisonId }),
  }),
  'diff.progress': defineCall({
    summary: "A comparison's progress; the comparison itself once both sides are read and planned.",
    input: z.object({ comparisonId }),
    output: z.object({
      state: z.enum(['running', 'done', 'failed']),
      steps: z.array(diffProgressSchema),
      comparison: comparisonSchema.nullable(),
      error: gatehouseErrorSchema.nullable(),
    }),
  }),
  'diff.plan': defineCall({
    summary:
      'Plan a comparison again under new options (changes ticked out, renames confirmed), without reading again.',
    input: z.object({ comparisonId, options: diffOptionsSchema }),
    output: comparisonSchema,
  }),
  'diff.export': defineCall({
    summary:
      "Verify the planned migration on a shadow copy of the source, then write it into a migrations folder in that folder's format.",
    input: z.object({
      comparisonId,
      options: diffOptionsSchema,
      format: exportFormatSchema,
      folder: serverPathSchema,
      /** The migration's name in the folder (`add_members`). */
      name: z
        .string()
        .trim()
        .min(1)
        .max(100)
        .regex(/^[A-Za-z0-9_-]+$/, 'A migration name is letters, digits, _ and - only.'),
      verify: z.boolean().default(true),
      /** Export even when verification leaves a residue. */
      force: z.boolean().default(false),
    }),
    output: z.object({
      files: z.array(z.string()),
      verification: verificationSchema.nullable(),
    }),
  }),
  'diff.apply': defineCall({
    summary:
      "Queue the planned migration's statements into the source connection's change set (previewed and applied there).",
    input: z.object({ comparisonId, options: diffOptionsSchema }),
    output: z.object({ connectionId, queued: z.number().int(), pending: z.number().int() }),
  }),
  'diff.close': defineCall({
    summary: 'Forget a comparison (its models and shadow databases).',
    input: z.object({ comparisonId }),
    output: z.object({ closed: z.boolean() }),
  }),
};
