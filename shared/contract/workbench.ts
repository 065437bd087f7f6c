import { z } from 'zod';
import { defineCall } from './define.js';

const connectionId = z.string().min(1).max(200);
/** One editor tab: the host keeps one pinned database session per session id. */
const sessionId = z.string().min(1).max(100);
const relationRef = z.object({ schema: z.string().min(1).max(200), name: z.string().min(1).max(200) });
const columnName = z.string().min(1).max(200);
/** Every value travels as PostgreSQL text (or null) and is bound as a parameter; the server casts it. */
const cell = z.string().nullable();

/** An error PostgreSQL reported, with its position made absolute in the editor's text (0-based, UTF-16). */
export const sqlErrorSchema = z.object({
  message: z.string(),
  code: z.string().nullable(),
  detail: z.string().nullable(),
  hint: z.string().nullable(),
  /** Where PostgreSQL pointed, as an offset into the text the editor sent; null when it did not point. */
  offset: z.number().int().nullable(),
});
export type SqlError = z.infer<typeof sqlErrorSchema>;

export const resultColumnSchema = z.object({ name: z.string(), type: z.string() });

/** What one statement of a script did. */
export const statementResultSchema = z.object({
  /** Where the statement is in the editor's text (0-based, UTF-16), for markers and re-runs. */
  offset: z.number().int(),
  length: z.number().int(),
  sql: z.string(),
  /** PostgreSQL's command tag (SELECT, INSERT, CREATE…), null when the statement failed. */
  command: z.string().nullable(),
  rowCount: z.number().int().nullable(),
  columns: z.array(resultColumnSchema),
  rows: z.array(z.array(cell)),
  /** True when more rows came back than the workbench keeps (see ROW_LIMIT). */
  truncated: z.boolean(),
  ms: z.number(),
  /** NOTICE, WARNING, INFO… raised while it ran. */
  notices: z.array(z.object({ severity: z.string(), message: z.string() })),
  error: sqlErrorSchema.nullable(),
  /** EXPLAIN (FORMAT JSON) output, parsed, when the run asked for a plan. */
  plan: z.unknown().nullable(),
});
export type StatementResult = z.infer<typeof statementResultSchema>;

/**
 * The transaction of an editor tab after a run: `committed` (nothing changed, or committed by the user),
 * `rolled_back` (an error or the user), `open` (the script changed data or schema and waits for Commit or
 * Rollback), `lost` (the session died; PostgreSQL rolled the transaction back).
 */
export const transactionSchema = z.object({
  state: z.enum(['committed', 'rolled_back', 'open', 'lost']),
  /** What the open (or just finished) transaction did: `UPDATE 3`, `CREATE TABLE`… */
  changes: z.array(z.string()),
  /** The transaction ran DDL: the model must be read again once it is committed. */
  schemaChanged: z.boolean(),
  /** One sentence for the banner. */
  message: z.string(),
});
export type WorkbenchTransaction = z.infer<typeof transactionSchema>;

export const runModeSchema = z.enum(['cursor', 'selection', 'script']);

export const historyEntrySchema = z.object({
  id: z.string().min(1).max(100),
  at: z.string().max(64),
  sql: z.string().max(1_000_000),
  ms: z.number(),
  ok: z.boolean(),
  /** `SELECT 10`, `UPDATE 3 (open)`, or the error message. */
  summary: z.string().max(2_000),
});
export type WorkbenchHistoryEntry = z.infer<typeof historyEntrySchema>;

export const snippetSchema = z.object({
  /** The file name inside the snippets folder, `name.sql`. */
  name: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\\0]+\.sql$/, 'a snippet is a .sql file name without folders'),
  sql: z.string().max(1_000_000),
});
export type Snippet = z.infer<typeof snippetSchema>;

export const filterOpSchema = z.enum([
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'contains',
  'starts',
  'is_null',
  'not_null',
]);
export type FilterOp = z.infer<typeof filterOpSchema>;

export const dataQuerySchema = z.object({
  connectionId,
  relation: relationRef,
  filters: z
    .array(z.object({ column: columnName, op: filterOpSchema, value: z.string().max(100_000).nullable() }))
    .max(50)
    .default([]),
  sort: z
    .array(z.object({ column: columnName, direction: z.enum(['asc', 'desc']) }))
    .max(10)
    .default([]),
});
export type DataQuery = z.input<typeof dataQuerySchema>;

export const dataChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('update'),
    key: z.record(z.string(), cell),
    set: z.record(z.string(), cell),
  }),
  z.object({ kind: z.literal('insert'), values: z.record(z.string(), cell) }),
  z.object({ kind: z.literal('delete'), key: z.record(z.string(), cell) }),
]);
export type DataChange = z.infer<typeof dataChangeSchema>;

const statementSchema = z.object({ sql: z.string(), params: z.array(cell) });

/** The relation as the data view needs it: columns, the key edits go by, and why it is read-only if it is. */
export const dataShapeSchema = z.object({
  kind: z.enum(['table', 'view', 'materialized_view', 'partitioned_table', 'foreign_table']),
  columns: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      notNull: z.boolean(),
      hasDefault: z.boolean(),
      /** Generated or GENERATED ALWAYS identity: PostgreSQL computes it, edits leave it alone. */
      generated: z.boolean(),
    }),
  ),
  primaryKey: z.array(z.string()),
  readOnly: z.string().nullable(),
});
export type DataShape = z.infer<typeof dataShapeSchema>;

export const workbenchCalls = {
  'workbench.run': defineCall({
    summary:
      'Run the statement under the cursor, the selection or the whole script as the connected role, in the tab’s transaction.',
    input: z.object({
      connectionId,
      sessionId,
      /** The editor's whole text: positions of results and errors refer to it. */
      text: z.string().max(5_000_000),
      mode: runModeSchema,
      /** 0-based UTF-16 offsets: the cursor (mode cursor) or the selection [start, end) (mode selection). */
      cursor: z.number().int().min(0).default(0),
      selection: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
      explain: z.enum(['plan', 'analyze']).nullable().default(null),
      historyId: z.string().min(1).max(100).optional(),
    }),
    output: z.object({
      statements: z.array(statementResultSchema),
      transaction: transactionSchema,
      ms: z.number(),
    }),
  }),
  'workbench.commit': defineCall({
    summary: 'Commit the open transaction of an editor tab.',
    input: z.object({ connectionId, sessionId }),
    output: z.object({ transaction: transactionSchema }),
  }),
  'workbench.rollback': defineCall({
    summary: 'Roll back the open transaction of an editor tab.',
    input: z.object({ connectionId, sessionId }),
    output: z.object({ transaction: transactionSchema }),
  }),
  'workbench.status': defineCall({
    summary:
      'Whether an editor tab has a session and an open transaction (after a reload or a lost connection).',
    input: z.object({ connectionId, sessionId }),
    output: z.object({ running: z.boolean(), transaction: transactionSchema.nullable() }),
  }),
  'workbench.cancel': defineCall({
    summary:
      'Cancel the statement running in an editor tab’s session (pg_cancel_backend of that session only).',
    input: z.object({ connectionId, sessionId }),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'workbench.close': defineCall({
    summary: 'Close an editor tab’s session (an open transaction is rolled back).',
    input: z.object({ connectionId, sessionId }),
    output: z.object({ closed: z.boolean(), rolledBack: z.boolean() }),
  }),
  'workbench.history.list': defineCall({
    summary: 'The workbench run history of a database, newest first.',
    input: z.object({ connectionId }),
    output: z.object({ entries: z.array(historyEntrySchema) }),
  }),
  'workbench.history.clear': defineCall({
    summary: 'Forget the workbench run history of a database.',
    input: z.object({ connectionId }),
    output: z.object({ entries: z.array(historyEntrySchema) }),
  }),
  'workbench.snippets.list': defineCall({
    summary: 'The saved snippets: the .sql files of the snippets folder (a folder you can commit).',
    input: z.object({}),
    output: z.object({ folder: z.string(), snippets: z.array(snippetSchema) }),
  }),
  'workbench.snippets.save': defineCall({
    summary: 'Write one snippet into the snippets folder.',
    input: z.object({ snippet: snippetSchema }),
    output: z.object({ folder: z.string(), snippets: z.array(snippetSchema) }),
  }),
  'workbench.snippets.delete': defineCall({
    summary: 'Delete one snippet file from the snippets folder.',
    input: z.object({ name: snippetSchema.shape.name }),
    output: z.object({ folder: z.string(), snippets: z.array(snippetSchema) }),
  }),
  'workbench.snippets.setFolder': defineCall({
    summary: 'Choose the snippets folder (absolute path; created when missing). Empty resets to the default.',
    input: z.object({ folder: z.string().max(4_096) }),
    output: z.object({ folder: z.string(), snippets: z.array(snippetSchema) }),
  }),
  'workbench.data.shape': defineCall({
    summary:
      'The columns and primary key of a table or view for the data view, and why it is read-only if so.',
    input: z.object({ connectionId, relation: relationRef }),
    output: dataShapeSchema,
  }),
  'workbench.data.page': defineCall({
    summary:
      'One page of rows as the connected role sees them: filters as parameters, sorted, by offset or by key.',
    input: dataQuerySchema.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5_000).default(200),
      /** The primary key of the last row of the previous page: keyset paging when sorting by the key. */
      after: z.array(z.string()).optional(),
    }),
    output: z.object({
      columns: z.array(resultColumnSchema),
      rows: z.array(z.array(cell)),
      sql: statementSchema,
      ms: z.number(),
    }),
  }),
  'workbench.data.count': defineCall({
    summary: 'How many rows match the filters, counted up to a limit.',
    input: dataQuerySchema.extend({ limit: z.number().int().min(1).max(100_000_000).default(1_000_000) }),
    output: z.object({ count: z.number().int(), capped: z.boolean(), ms: z.number() }),
  }),
  'workbench.data.export': defineCall({
    summary: 'Every matching row (up to 200,000) as CSV or JSON text.',
    input: dataQuerySchema.extend({ format: z.enum(['csv', 'json']) }),
    output: z.object({ text: z.string(), rows: z.number().int(), truncated: z.boolean() }),
  }),
  'workbench.data.preview': defineCall({
    summary: 'The SQL a pending change would run (by primary key, values as parameters).',
    input: z.object({ connectionId, relation: relationRef, changes: z.array(dataChangeSchema).max(10_000) }),
    output: z.object({ statements: z.array(statementSchema) }),
  }),
  'workbench.data.apply': defineCall({
    summary: 'Apply a pending change in one transaction: every row by primary key, or nothing.',
    input: z.object({ connectionId, relation: relationRef, changes: z.array(dataChangeSchema).max(10_000) }),
    output: z.object({
      statements: z.array(statementSchema),
      rowCounts: z.array(z.number().int()),
      ms: z.number(),
    }),
  }),
};
