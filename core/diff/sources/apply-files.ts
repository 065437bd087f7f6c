import type pg from 'pg';
import { GatehouseError } from '../../../shared/errors.js';
import { splitSql, type ParsedStatement } from '../../changeset/split.js';
import { codePointToUtf16, lineColumn } from '../../changeset/text-offsets.js';
import type { PlannedFile } from './folder-plan.js';

/** What reading a source reports as it goes (the CLI prints it to stderr). */
export type SourceProgress =
  | { readonly step: 'shadow'; readonly message: string }
  | { readonly step: 'apply'; readonly index: number; readonly total: number; readonly file: string }
  | { readonly step: 'read'; readonly message: string };
export type OnProgress = (p: SourceProgress) => void;

interface PgError {
  readonly message: string;
  readonly code?: string;
  readonly position?: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly where?: string;
}

/** A failure of PostgreSQL's (with a SQLSTATE), as opposed to a lost connection or a bug. */
const isPgError = (e: unknown): e is PgError =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as PgError).code === 'string' &&
  /^[0-9A-Z]{5}$/.test((e as PgError).code!);

/**
 * Applies the files in order on one connection, each as one simple query (PostgreSQL runs a multi-statement
 * query as one implicit transaction: a failing file leaves nothing of itself behind). A file PostgreSQL refuses
 * to run as a block (CREATE INDEX CONCURRENTLY …: 25001) is run statement by statement. A failure names the
 * file, its line (PostgreSQL's error position mapped back to the file) and PostgreSQL's error (GH1002).
 */
export async function applyFiles(
  client: pg.ClientBase,
  files: readonly PlannedFile[],
  onProgress?: OnProgress,
): Promise<void> {
  for (const [i, file] of files.entries()) {
    onProgress?.({ step: 'apply', index: i + 1, total: files.length, file: file.name });
    try {
      await client.query(file.sql);
    } catch (error) {
      if (!isPgError(error)) throw error;
      if (error.code === '25001') {
        await applyOneByOne(client, file);
        continue;
      }
      if (error.position !== undefined) throw applyError(file, error, 0, Number(error.position));
      // No position (an error found while executing): run the file again statement by statement, inside
      // a transaction that is rolled back, to find which statement it was.
      throw await locate(client, file, error);
    }
  }
}

async function statementsOf(file: PlannedFile): Promise<readonly ParsedStatement[]> {
  try {
    return await splitSql(file.sql, file.path);
  } catch {
    return [];
  }
}

async function applyOneByOne(client: pg.ClientBase, file: PlannedFile): Promise<void> {
  for (const s of await statementsOf(file)) {
    try {
      await client.query(s.sql);
    } catch (error) {
      if (!isPgError(error)) throw error;
      throw applyError(file, error, s.start, error.position === undefined ? null : Number(error.position), s);
    }
  }
}

async function locate(client: pg.ClientBase, file: PlannedFile, original: PgError): Promise<GatehouseError> {
  const statements = await statementsOf(file);
  try {
    await client.query('BEGIN');
    for (const s of statements) {
      try {
        await client.query(s.sql);
      } catch (error) {
        if (!isPgError(error)) break;
        return applyError(
          file,
          error,
          s.start,
          error.position === undefined ? null : Number(error.position),
          s,
        );
      }
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
  return applyError(file, original, 0, null);
}

/**
 * The error for a failure at `position` (PostgreSQL's: 1-based, in characters) of the text starting at UTF-16
 * offset `base` of the file's SQL; without a position, the failing statement's first line.
 */
function applyError(
  file: PlannedFile,
  error: PgError,
  base: number,
  position: number | null,
  statement?: ParsedStatement,
): GatehouseError {
  let at: { line: number; column: number } | null = null;
  if (position !== null && position > 0) {
    const text = file.sql.slice(base);
    at = lineColumn(file.sql, base + codePointToUtf16(text, position - 1));
  } else if (statement) at = { line: statement.line, column: statement.column };
  const line = at === null ? null : file.firstLine + at.line - 1;
  const source = at === null ? '' : (file.sql.split('\n')[at.line - 1] ?? '');
  const details = [
    at !== null ? `LINE ${line}: ${source}\n${' '.repeat(`LINE ${line}: `.length + at.column - 1)}^` : null,
    error.code !== undefined ? `SQLSTATE ${error.code}` : null,
    error.detail ? `detail: ${error.detail}` : null,
    error.hint ? `hint: ${error.hint}` : null,
    error.where ? `where: ${error.where}` : null,
  ].filter((l): l is string => l !== null);
  return new GatehouseError(
    'GH1002',
    `${file.path}${line === null ? '' : ` line ${line}`}: ${error.message}`,
    {
      details: details.join('\n'),
      hint: 'Fix that file (it is applied to an empty shadow database, after the files before it).',
      cause: error,
    },
  );
}
