import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastFilterValue, fastOrder, fastSelect, fastTreePath } from './fast-paths.js';
import type { Parser } from './parsec.js';
import { run } from './parsec.js';
import { pSingleVal, pTreePath } from './grammar.js';
import { pOpExpr } from './filter.js';
import { pFieldForest } from './select.js';
import { pOrder } from './order.js';
import { urlDecode, urlDecodeBytes, urlEncode } from './url.js';

/** A shortcut must agree with the grammar wherever it answers. */
function agrees<T>(fast: (s: string) => T | undefined, p: Parser<T>, text: string): boolean {
  const f = fast(text);
  if (f === undefined) return false;
  const g = run(p, text);
  expect(g.ok, text).toBe(true);
  if (g.ok) expect(f, text).toEqual(g.value);
  return true;
}

const pFilter = pOpExpr(pSingleVal);
const pieces = fc.constantFrom(
  'a',
  'id',
  '1',
  '_x',
  '$',
  'not',
  'eq',
  'gte',
  'gt',
  'lt',
  'lte',
  'neq',
  'is',
  'in',
  'null',
  'NULL',
  'true',
  'like',
  'ilike',
  'match',
  'imatch',
  'cs',
  'adj',
  'fts',
  'asc',
  'desc',
  'nullsfirst',
  'nullslast',
  'count',
  '.',
  '.',
  ',',
  ',',
  '(',
  ')',
  '*',
  ' ',
  '"',
  '\\',
  '-',
  '>',
  ':',
  'é',
  '{',
  '}',
  'all',
  'any',
  '\t',
);
const text = fc.array(pieces, { maxLength: 10 }).map((xs) => xs.join(''));

describe('fast paths agree with the grammar', () => {
  it('on common shapes', () => {
    for (const v of [
      'eq.1',
      'not.eq.1',
      'gte.5',
      'gt.',
      'like.*a*',
      'is.null',
      'not.is.true',
      'in.(1,2,3)',
      'in.()',
      'neq.x.y',
      'cs.{1,2}',
      'imatch.^a',
    ])
      expect(agrees(fastFilterValue, pFilter, v), v).toBe(true);
    for (const v of ['*', 'id,title', 'id,*,count', 'a$b,_1'])
      expect(agrees(fastSelect, pFieldForest, v), v).toBe(true);
    for (const v of ['id', 'a.desc,b', 'a.asc.nullslast', 'a.nullsfirst', 'desc.asc'])
      expect(agrees(fastOrder, pOrder, v), v).toBe(true);
    for (const v of ['id', 'items.qty', 'a.b.c']) expect(agrees(fastTreePath, pTreePath, v), v).toBe(true);
  });

  it('on random text', () => {
    fc.assert(
      fc.property(text, (t) => {
        agrees(fastFilterValue, pFilter, t);
        agrees(fastSelect, pFieldForest, t);
        agrees(fastOrder, pOrder, t);
        agrees(fastTreePath, pTreePath, t);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('urlEncode / urlDecode shortcuts', () => {
  /** The byte-by-byte definition the shortcuts must agree with. */
  const reference = (text: string): string => {
    let out = '';
    for (const b of new TextEncoder().encode(text)) {
      const c = String.fromCharCode(b);
      out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return out;
  };
  it('urlEncode matches the byte-wise definition', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (t) => {
        expect(urlEncode(t)).toBe(reference(t));
      }),
      { numRuns: 2000 },
    );
  });
  it('urlDecode of text without % or + (and no lone surrogate) is the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (t) => {
        const full = new TextDecoder().decode(urlDecodeBytes(new TextEncoder().encode(t), true));
        expect(urlDecode(t, true)).toBe(full);
      }),
      { numRuns: 2000 },
    );
  });
});
