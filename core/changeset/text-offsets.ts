/**
 * libpg-query reports statement and token locations in UTF-8 bytes, PostgreSQL reports error positions in
 * characters (code points, 1-based); JavaScript strings index UTF-16 code units. These convert between them.
 */

/** A table from UTF-8 byte offset to UTF-16 offset for one text (every byte offset up to its length). */
export function byteToUtf16Table(text: string): Int32Array {
  const table = new Int32Array(Buffer.byteLength(text, 'utf8') + 1);
  let byte = 0;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    const units = cp >= 0x10000 ? 2 : 1;
    // Offsets inside a multi-byte character map to the character's start.
    for (let k = 0; k < bytes; k++) table[byte + k] = i;
    byte += bytes;
    i += units;
  }
  table[byte] = text.length;
  return table;
}

/** The UTF-16 offset of code point number `cp` (0-based) of `text`; clamped to the text's length. */
export function codePointToUtf16(text: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) i += (text.codePointAt(i) ?? 0) >= 0x10000 ? 2 : 1;
  return Math.min(i, text.length);
}

/** 1-based line and column (in UTF-16 units) of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  return lineLocator(text)(offset);
}

/** A locator for many offsets of one text: line starts computed once, each lookup a binary search. */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}
