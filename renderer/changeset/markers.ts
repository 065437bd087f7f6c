import type { ApplyResultView, ChangeSetPreview } from './api.js';

/** The UTF-16 offset of code point `cp` (0-based) in `text`: PostgreSQL counts characters, not UTF-16 units. */
function codePointOffset(text: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) i += (text.codePointAt(i) ?? 0) >= 0x10000 ? 2 : 1;
  return Math.min(i, text.length);
}

export interface ScriptMarker {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

/**
 * Where PostgreSQL's error sits in the preview script: the failing statement's range plus the error's position
 * inside it (the statement was sent alone, so the position is its own). Without a position, the whole statement.
 */
export function failureMarker(
  preview: ChangeSetPreview,
  result: ApplyResultView | null,
): ScriptMarker | null {
  const failure = result?.failure;
  if (!failure?.id) return null;
  const range = preview.ranges.find((r) => r.id === failure.id);
  const statement = preview.statements.find((s) => s.id === failure.id);
  if (!range || !statement) return null;
  const { error } = failure;
  const message = `${error.sqlstate ? `${error.sqlstate}: ` : ''}${error.message}${error.hint ? `\nhint: ${error.hint}` : ''}`;
  if (error.position === null) return { offset: range.start, length: range.end - range.start, message };
  const inner = codePointOffset(statement.sql, error.position - 1);
  const word = /^[\p{L}\p{N}_$"]+/u.exec(statement.sql.slice(inner))?.[0].length ?? 1;
  return { offset: range.start + inner, length: Math.max(1, word), message };
}
