import type { ExpressionProblem } from '../../shared/contract/rls.js';

/** A marker's span in an editor's terms (1-based lines and columns, end exclusive), with its message. */
export interface MarkerRange {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
  readonly message: string;
  readonly source: ExpressionProblem['source'];
}

function position(text: string, offset: number): { line: number; column: number } {
  const upto = text.slice(0, offset);
  const line = upto.split('\n').length;
  return { line, column: offset - (upto.lastIndexOf('\n') + 1) + 1 };
}

/**
 * Where to underline each problem: PostgreSQL and libpg-query give a position (length 1), so the marker spans the
 * word (or quoted name) that starts there; at the very end of the text (an unfinished expression) it marks the
 * last character. Pure, for the Monaco editor and its tests.
 */
export function markerRanges(text: string, problems: readonly ExpressionProblem[]): MarkerRange[] {
  return problems.map((p) => {
    let start = Math.max(0, Math.min(p.offset, text.length));
    let end = start + Math.max(p.length, 0);
    if (p.length <= 1) {
      if (start >= text.length) start = Math.max(0, text.length - 1);
      const rest = text.slice(start);
      const word = /^("(?:[^"]|"")*"|[\w$]+)/.exec(rest)?.[0] ?? rest.slice(0, 1);
      end = start + Math.max(word.length, 1);
    }
    end = Math.min(Math.max(end, start + 1), Math.max(text.length, start + 1));
    const s = position(text, start);
    const e = position(text, end);
    return {
      startLineNumber: s.line,
      startColumn: s.column,
      endLineNumber: e.line,
      endColumn: e.column,
      message: p.message,
      source: p.source,
    };
  });
}
