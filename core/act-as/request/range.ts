/**
 * Row ranges (PostgREST's RangeQuery.hs with Data.Ranged semantics) on NonnegRange {lower, upper|null}
 * (inclusive bounds, null = unbounded). A range is empty when upper < lower; `limit=0` is {0, -1}.
 *
 * @example
 *   parseRangeHeader('0-9')   // {lower: 0, upper: 9}
 *   rangeLimit({lower: 2, upper: 4}) // 3
 */
import type { NonnegRange } from './types.js';

export const allRange: NonnegRange = { lower: 0, upper: null };
export const limitZeroRange: NonnegRange = { lower: 0, upper: -1 };

export function rangeIsEmpty(r: NonnegRange): boolean {
  return r.upper !== null && r.upper < r.lower;
}

export function rangeEquals(a: NonnegRange, b: NonnegRange): boolean {
  return (rangeIsEmpty(a) && rangeIsEmpty(b)) || (a.lower === b.lower && a.upper === b.upper);
}

export function rangeIntersection(a: NonnegRange, b: NonnegRange): NonnegRange {
  const upper = a.upper === null ? b.upper : b.upper === null ? a.upper : Math.min(a.upper, b.upper);
  return { lower: Math.max(a.lower, b.lower), upper };
}

export function rangeGeq(n: number): NonnegRange {
  return { lower: n, upper: null };
}

/** Number of rows, null when unbounded. */
export function rangeLimit(r: NonnegRange): number | null {
  return r.upper === null ? null : 1 + r.upper - r.lower;
}

export function rangeOffset(r: NonnegRange): number {
  return r.lower;
}

/** Restricts `r` to at most `limit` rows from its offset. */
export function restrictRange(limit: number | null, r: NonnegRange): NonnegRange {
  if (limit === null) return r;
  const upper = r.lower + limit - 1;
  return { lower: r.lower, upper: r.upper === null ? upper : Math.min(r.upper, upper) };
}

export function hasLimitZero(r: NonnegRange): boolean {
  return r.upper === -1;
}

/** Range header `0-9` / `5-` (anything else = all rows). Lower > upper gives an empty range. */
export function parseRangeHeader(value: string): NonnegRange {
  const m = /^([0-9]+)-([0-9]*)$/.exec(value);
  if (!m) return allRange;
  const lower = Number(m[1]);
  const upper = m[2] === '' ? null : Number(m[2]);
  return { lower, upper };
}

/** Haskell `readMaybe :: Maybe Integer` (optional surrounding spaces, optional minus). */
export function readInteger(text: string): number | null {
  const m = /^\s*(-?[0-9]+)\s*$/.exec(text);
  return m ? Number(m[1]) : null;
}
