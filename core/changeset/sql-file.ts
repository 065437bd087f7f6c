import type pg from 'pg';
import { ChangeSetHistoryStore, historyTarget } from './history-store.js';
import { runChangeSet, type ApplyOptions, type ApplyRun } from './apply.js';
import { assertAcceptable, placeStatements } from './classify.js';
import { historyEntryOf, readSession } from './session.js';
import { splitSql, type ParsedStatement } from './split.js';

/** A statement of a SQL file, placed for the server it is applied to. */
export interface FileStatement {
  readonly id: string;
  readonly sql: string;
  /** 1-based line and column of its first token in the file. */
  readonly line: number;
  readonly column: number;
  readonly phase: 'transaction' | 'after';
  readonly reason: string | null;
}

/** Splits a file with PostgreSQL's parser; a syntax error (GH600) or a statement a set cannot hold (GH601) refuses it. */
export async function parseSqlFile(text: string, file: string): Promise<ParsedStatement[]> {
  const parsed = await splitSql(text, file);
  for (const [i, p] of parsed.entries())
    assertAcceptable(p.node, `Statement ${i + 1} (${file} line ${p.line})`);
  return parsed;
}

/** Where a position inside a statement is in the file (1-based line and column). */
export function fileLocation(
  s: Pick<FileStatement, 'line' | 'column'>,
  at: { line: number; column: number },
): { line: number; column: number } {
  return { line: s.line + at.line - 1, column: at.line === 1 ? s.column + at.column - 1 : at.column };
}

export interface FileApply {
  readonly statements: FileStatement[];
  readonly run: ApplyRun;
  /** Null when nothing ran; the history error when it could not be kept (the apply stands). */
  readonly historyId: string | null;
  readonly historyError: string | null;
}

/**
 * `gatehouse apply`: a file's statements applied on one session with the studio's guarantees (one transaction,
 * timeouts, the non-transactional ones after it only when confirmed, never retried), kept in the history.
 */
export async function applySqlFile(
  client: pg.ClientBase,
  parsed: readonly ParsedStatement[],
  file: string,
  options: ApplyOptions & { readonly host: string; readonly port: number; readonly dataDir: string },
): Promise<FileApply> {
  const session = await readSession(client);
  const placements = placeStatements(parsed, session.versionNum);
  const statements: FileStatement[] = parsed.map((p, i) => ({
    id: `statement-${i + 1}`,
    sql: p.sql,
    line: p.line,
    column: p.column,
    phase: placements[i]!.phase,
    reason: placements[i]!.reason,
  }));
  const run = await runChangeSet(
    client,
    statements.map((s) => ({
      ...s,
      origin: { panel: 'cli', object: file, action: `line ${s.line}` },
    })),
    options,
  );
  const entry = historyEntryOf(run, {
    session,
    host: options.host,
    port: options.port,
    source: 'cli',
    options,
  });
  let historyError: string | null = null;
  if (entry) {
    await new ChangeSetHistoryStore(options.dataDir)
      .add(historyTarget({ host: options.host, port: options.port, database: session.database }), entry)
      .catch((e: unknown) => {
        historyError = e instanceof Error ? e.message : String(e);
      });
  }
  return { statements, run, historyId: entry?.id ?? null, historyError };
}
