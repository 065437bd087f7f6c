import { loadModule, parseSync, scanSync, type Node } from 'libpg-query';
import { GatehouseError } from '../../shared/errors.js';
import { byteToUtf16Table, codePointToUtf16, lineColumn, lineLocator } from './text-offsets.js';

/** One statement of a SQL text, as PostgreSQL's own parser delimits it. */
export interface ParsedStatement {
  /** The statement's text, from its first token to its last (no leading comments, no `;`). */
  readonly sql: string;
  /** UTF-16 offsets of that text in the source. */
  readonly start: number;
  readonly end: number;
  /** 1-based line and column of the first token in the source. */
  readonly line: number;
  readonly column: number;
  /** The parse tree's node, e.g. `{ IndexStmt: {...} }`. */
  readonly node: Node;
}

let loaded: Promise<void> | null = null;
/** The parser is WebAssembly: load it once, before the first synchronous parse. */
export function loadParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

interface ParserError {
  readonly message: string;
  readonly sqlDetails?: { readonly cursorPosition?: number };
}

/**
 * Splits a SQL text into statements with libpg-query (PostgreSQL 18's parser), so dollar quoting, comments,
 * `;` inside strings and identifiers, and BEGIN ATOMIC bodies are delimited exactly as the server would.
 * A text that does not parse is refused (GH600) with the line and column of the error.
 */
export async function splitSql(text: string, what = 'The SQL'): Promise<ParsedStatement[]> {
  await loadParser();
  let parsed;
  try {
    parsed = parseSync(text);
  } catch (error) {
    const e = error as ParserError;
    const cp = e.sqlDetails?.cursorPosition;
    const at = cp === undefined ? null : lineColumn(text, codePointToUtf16(text, cp));
    throw new GatehouseError(
      'GH600',
      `${what} does not parse: ${e.message}${at ? ` (line ${at.line}, column ${at.column})` : ''}.`,
      {
        details: at ? excerpt(text, at.line, at.column) : null,
        hint: 'Fix the syntax at that position; statements are separated by semicolons.',
        cause: error,
      },
    );
  }
  const stmts = parsed.stmts ?? [];
  if (stmts.length === 0) return [];
  const bytes = byteToUtf16Table(text);
  const totalBytes = bytes.length - 1;
  const locate = lineLocator(text);
  const out: ParsedStatement[] = [];
  for (const s of stmts) {
    if (s.stmt === undefined) continue;
    // The parser's location is the statement's first token; its length runs to the `;` or the end of the text.
    const from = s.stmt_location ?? 0;
    const start = bytes[from]!;
    const end = start + trailingEnd(text.slice(start, bytes[s.stmt_len ? from + s.stmt_len : totalBytes]!));
    if (end <= start) continue;
    const { line, column } = locate(start);
    out.push({ sql: text.slice(start, end), start, end, line, column, node: s.stmt });
  }
  return out;
}

/**
 * Where a statement's text really ends: before trailing whitespace and comments (up to the `;`, a statement's
 * range may hold them). Comments are found by PostgreSQL's scanner, so `--` inside a string is not one; only
 * texts that might hold a comment are scanned.
 */
function trailingEnd(raw: string): number {
  const trimmed = raw.trimEnd().length;
  if (!raw.includes('--') && !raw.includes('/*')) return trimmed;
  const tokens = scanSync(raw).tokens.filter(
    (t) => t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT' && t.text !== ';',
  );
  const last = tokens.at(-1);
  return last ? byteToUtf16Table(raw)[last.end]! : 0;
}

/** The offending line with a caret under the column, as psql prints it. */
function excerpt(text: string, line: number, column: number): string {
  const content = text.split('\n')[line - 1] ?? '';
  return `LINE ${line}: ${content}\n${' '.repeat(`LINE ${line}: `.length + column - 1)}^`;
}

/** The node's one key, e.g. `IndexStmt`. */
export function nodeTag(node: Node): string {
  return Object.keys(node)[0] ?? 'Unknown';
}
