import { loadModule, parseSync, scanSync, type Node } from 'libpg-query';
import { GatehouseError } from '../../shared/errors.js';
import { byteToUtf16Table, codePointToUtf16, lineColumn } from './text-offsets.js';

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
  // Comments and semicolons are tokens too: a statement's text runs from its first real token to its last.
  const tokens = scanSync(text).tokens.filter(
    (t) => t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT' && t.text !== ';',
  );
  const totalBytes = bytes.length - 1;
  const out: ParsedStatement[] = [];
  let k = 0;
  for (const s of stmts) {
    const from = s.stmt_location ?? 0;
    const to = s.stmt_len ? from + s.stmt_len : totalBytes;
    while (k < tokens.length && tokens[k]!.start < from) k++;
    const first = k;
    while (k < tokens.length && tokens[k]!.end <= to) k++;
    if (k === first || s.stmt === undefined) continue;
    const start = bytes[tokens[first]!.start]!;
    const end = bytes[tokens[k - 1]!.end]!;
    const { line, column } = lineColumn(text, start);
    out.push({ sql: text.slice(start, end), start, end, line, column, node: s.stmt });
  }
  return out;
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
