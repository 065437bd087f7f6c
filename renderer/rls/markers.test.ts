import { describe, expect, it } from 'vitest';
import { markerRanges } from './markers.js';

describe('validation markers', () => {
  it('spans the word PostgreSQL pointed at', () => {
    const [m] = markerRanges("ownr_sub = 'alice'", [
      { source: 'database', offset: 0, length: 1, message: 'column "ownr_sub" does not exist' },
    ]);
    expect(m).toEqual({
      startLineNumber: 1,
      startColumn: 1,
      endLineNumber: 1,
      endColumn: 9,
      message: 'column "ownr_sub" does not exist',
      source: 'database',
    });
  });
  it('finds the line and column on a later line, a quoted name whole', () => {
    const [m] = markerRanges('pinned\n  and "Ownr" = 1', [
      { source: 'database', offset: 13, length: 1, message: 'x' },
    ]);
    expect(m).toMatchObject({ startLineNumber: 2, startColumn: 7, endLineNumber: 2, endColumn: 13 });
  });
  it('marks a syntax error on a symbol, and at the end of an unfinished expression the last character', () => {
    expect(
      markerRanges("owner_sub = = 'x'", [{ source: 'syntax', offset: 12, length: 1, message: 's' }])[0],
    ).toMatchObject({ startColumn: 13, endColumn: 14 });
    expect(
      markerRanges('owner_sub =', [{ source: 'syntax', offset: 11, length: 1, message: 'e' }])[0],
    ).toMatchObject({ startColumn: 11, endColumn: 12 });
  });
  it('keeps a span PostgreSQL gave the whole of', () => {
    expect(
      markerRanges('a\nb', [{ source: 'database', offset: 0, length: 3, message: 'm' }])[0],
    ).toMatchObject({
      startLineNumber: 1,
      endLineNumber: 2,
      endColumn: 2,
    });
  });
});
