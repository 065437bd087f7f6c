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
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
