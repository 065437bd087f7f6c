import { z } from 'zod';
import { objectRefSchema } from '../model/catalog.js';
import { DIFF_KINDS, type DiffKind } from './diff-kinds.js';

/**
 * The migration diff's result, shared by the engine (core/diff/engine), its sources and exports, the CLI and the
 * renderer: the differences between two models as changes a user can tick in or out, and the ordered statements
 * that carry the ticked ones out. Statements are written by core/ddl; nothing here is SQL text assembled by hand.
 */

const obj = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();

/** The kinds of object the diff compares (shared/diff/diff-kinds.ts). */
export const diffKindSchema = z.enum(DIFF_KINDS);
export type { DiffKind };

/** What a statement risks when it runs on a live database. */
export const hazardKindSchema = z.enum([
  'data_loss',
  'table_rewrite',
  'access_exclusive_lock',
  'breaks_dependants',
  'non_transactional',
  /** Only a superuser may run it (an event trigger: created, altered or owned). */
  'needs_superuser',
]);
export type HazardKind = z.infer<typeof hazardKindSchema>;

export const hazardSchema = obj({ kind: hazardKindSchema, detail: z.string() });
export type Hazard = z.infer<typeof hazardSchema>;

/**
 * One difference between the two sides. `id` is stable for the same pair and options (the UI ticks by it, the CLI
 * prints it in `--json`). `requires` names the changes that must go with this one (a view recreated around a
 * changed column requires the column change); leaving a change out leaves out everything that requires it.
 * `fromSql` / `toSql` are the object's DDL on each side (null where it does not exist), for the side-by-side view.
 */
export const changeSchema = obj({
  id: z.string(),
  action: z.enum(['add', 'drop', 'alter', 'rename', 'rebuild']),
  kind: diffKindSchema,
  object: objectRefSchema,
  summary: z.string(),
  fromSql: z.string().nullable(),
  toSql: z.string().nullable(),
  requires: z.array(z.string()),
  /** Why the change exists when it is not a difference itself (a dependant dropped and recreated). */
  because: z.string().nullable(),
});
export type Change = z.infer<typeof changeSchema>;

/** A statement of the migration, in execution order, with the changes it carries and its hazards. */
export const migrationStatementSchema = obj({
  sql: z.string(),
  transactional: z.boolean(),
  object: objectRefSchema,
  changeIds: z.array(z.string()),
  hazards: z.array(hazardSchema),
});
export type MigrationStatement = z.infer<typeof migrationStatementSchema>;

/** A rename the engine suspects (same shape, other name): offered, applied only when accepted. */
export const renameCandidateSchema = obj({
  kind: diffKindSchema,
  from: objectRefSchema,
  to: objectRefSchema,
  /** 0..1, how alike the two are apart from the name. */
  similarity: z.number(),
});
export type RenameCandidate = z.infer<typeof renameCandidateSchema>;

/**
 * A change whose object the DDL writer cannot write from the model (an aggregate, a C function or base type
 * outside an extension, a definition the model does not hold): the change stands, but no statement creates the
 * object, so the migration alone does not reach the target. Named, never a silent gap: the CLI prints it, the
 * SQL says it in a comment and the studio shows it above the script.
 */
export const unwritableSchema = obj({
  changeId: z.string(),
  object: objectRefSchema,
  /** Why it cannot be written (the writer's own words). */
  reason: z.string(),
  /** What to do instead. */
  hint: z.string().nullable(),
});
export type Unwritable = z.infer<typeof unwritableSchema>;

export const diffOptionsSchema = obj({
  /** Only these schemas (default: every schema that is not a system or extension schema). */
  schemas: z.array(z.string()).optional(),
  excludeKinds: z.array(diffKindSchema).optional(),
  ignoreOwners: z.boolean().optional(),
  ignoreGrants: z.boolean().optional(),
  /** Roles are cluster-wide: compared only when asked. */
  includeRoles: z.boolean().optional(),
  ignoreColumnOrder: z.boolean().optional(),
  /** Renames to carry out instead of drop + add (from the candidates, or all of them with `'all'`). */
  renames: z
    .union([z.literal('all'), z.array(obj({ from: objectRefSchema, to: objectRefSchema }))])
    .optional(),
  /** Change ids ticked out. */
  skip: z.array(z.string()).optional(),
  /**
   * Whether each change carries its object's DDL on both sides (`fromSql`/`toSql`, for the side-by-side view):
   * default true. Printing the migration needs none of it (the CLI without --json leaves it out).
   */
  objectSql: z.boolean().optional(),
});
export type DiffOptions = z.infer<typeof diffOptionsSchema>;

export const migrationSchema = obj({
  /** True when the two sides are equal under the options (no changes, no statements). */
  equal: z.boolean(),
  changes: z.array(changeSchema),
  /** Changes left out: ticked out, or following one that was, with the reason. */
  skipped: z.array(obj({ id: z.string(), because: z.string() })),
  statements: z.array(migrationStatementSchema),
  renameCandidates: z.array(renameCandidateSchema),
  /** Dependency cycles that cannot be ordered: when any exists, `statements` is empty. */
  cycles: z.array(obj({ members: z.array(objectRefSchema) })),
  /** Objects of kept changes that no statement creates (see unwritableSchema). */
  unwritable: z.array(unwritableSchema),
});
export type Migration = z.infer<typeof migrationSchema>;
