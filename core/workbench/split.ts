import { loadModule, parseSync, scanSync } from 'libpg-query';

/** One statement of a script: where it is in the editor's text (UTF-16 offsets) and its parse-tree kind. */
export interface ScriptStatement {
  readonly start: number;
  readonly end: number;
  readonly sql: string;
  /** The parse node (`SelectStmt`, `CreateStmt`…), null when the script did not parse (split by tokens). */
  readonly kind: string | null;
  /** For TransactionStmt: BEGIN, COMMIT, SAVEPOINT… (the `kind` field of the node). */
  readonly transactionKind: string | null;
}

let loaded: Promise<void> | null = null;
/** The parser is WebAssembly: loaded once, then every split is synchronous (~2,000 statements in 50 ms). */
export function loadParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

/** libpg-query reports byte offsets of the UTF-8 text; the editor counts UTF-16 code units. */
function byteToCharMap(text: string): (byte: number) => number {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes === text.length) return (b) => b; // ASCII: the same numbers
  const map = new Int32Array(bytes + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < width; k++) map[b + k] = i;
    b += width;
    if (code >= 0x10000) i++; // a surrogate pair is one code point
  }
  map[bytes] = text.length;
  return (byte) => map[Math.min(Math.max(byte, 0), bytes)]!;
}

/** The statement without the blanks around it (a leading comment stays: it belongs to the statement). */
function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s;]/.test(text[end - 1]!)) end--;
  return [start, end];
}

/** Only comments and blanks: nothing to run. */
function isBlank(sql: string): boolean {
  try {
    return scanSync(sql).tokens.length === 0;
  } catch {
    return sql.trim() === '';
  }
}

function fromParse(text: string): ScriptStatement[] {
  const toChar = byteToCharMap(text);
  const total = Buffer.byteLength(text, 'utf8');
  const out: ScriptStatement[] = [];
  for (const s of parseSync(text).stmts ?? []) {
    const loc = s.stmt_location ?? 0;
    const len = s.stmt_len ?? total - loc; // the last statement has no length: it runs to the end
    const [start, end] = trimmed(text, toChar(loc), toChar(loc + len));
    const sql = text.slice(start, end);
    if (start >= end || isBlank(sql)) continue;
    const node = (s.stmt ?? {}) as Record<string, unknown>;
    const kind = Object.keys(node)[0] ?? null;
    const tx = kind === 'TransactionStmt' ? (node[kind] as { kind?: string }).kind : null;
    out.push({ start, end, sql, kind, transactionKind: typeof tx === 'string' ? tx : null });
  }
  return out;
}

/**
 * A script that does not parse is still split — on the scanner's `;` tokens, which already know quotes, dollar
 * quotes and comments — so each statement reaches PostgreSQL and its error is the server's, at its position.
 */
function fromTokens(text: string): ScriptStatement[] {
  const toChar = byteToCharMap(text);
  let cuts: number[];
  try {
    cuts = scanSync(text)
      .tokens.filter((t) => t.text === ';')
      .map((t) => toChar(t.end));
  } catch {
    cuts = []; // an unterminated quote: the rest is one statement, the server will say so
  }
  const out: ScriptStatement[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    const [start, end] = trimmed(text, from, cut);
    const sql = text.slice(start, end);
    if (start < end && !isBlank(sql)) out.push({ start, end, sql, kind: null, transactionKind: null });
    from = cut;
  }
  return out;
}

/** Splits a script into statements with their positions; call `loadParser()` once before. */
export function splitStatements(text: string): ScriptStatement[] {
  try {
    return fromParse(text);
  } catch {
    return fromTokens(text);
  }
}

/**
 * What to run: the statement under the cursor (the one it is in, else the nearest one before it, else the
 * first after it), the statements inside a selection (the selection itself, re-split), or the whole script.
 */
export function pickStatements(
  text: string,
  mode: 'cursor' | 'selection' | 'script',
  cursor: number,
  selection?: readonly [number, number],
): ScriptStatement[] {
  if (mode === 'selection' && selection && selection[1] > selection[0]) {
    const [a, b] = selection;
    return splitStatements(text.slice(a, b)).map((s) => ({ ...s, start: s.start + a, end: s.end + a }));
  }
  const all = splitStatements(text);
  if (mode !== 'cursor') return all;
  const inside = all.find((s) => cursor >= s.start && cursor <= s.end);
  if (inside) return [inside];
  const before = all.filter((s) => s.end <= cursor).at(-1);
  if (before) return [before];
  return all.slice(0, 1);
}
