import { loadModule, scanSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { INJECTION_NAMES } from './injection-names.js';
import { QUOTED_KEYWORDS } from './keywords.js';
import {
  isBareIdentifier,
  quoteIdent,
  quoteIdentAlways,
  quoteLiteral,
  quoteQualified,
} from './quote-ident.js';

beforeAll(async () => {
  await loadModule();
});

/** What PostgreSQL 18's scanner (libpg-query) says a single word is: 0 none, 1 unreserved, 2-4 the others. */
function keywordKind(word: string): number {
  const tokens = scanSync(word).tokens;
  return tokens.length === 1 && tokens[0]?.text === word ? (tokens[0]?.keywordKind ?? 0) : 0;
}

/** Reads a quoted or bare identifier back the way PostgreSQL's scanner does. */
function unquote(sql: string): string {
  if (!sql.startsWith('"')) return sql;
  expect(sql.endsWith('"')).toBe(true);
  const inner = sql.slice(1, -1);
  expect(inner.replaceAll('""', '')).not.toContain('"');
  return inner.replaceAll('""', '"');
}

describe('quoteIdent', () => {
  it('leaves plain lower-case names and unreserved keywords bare', () => {
    expect(quoteIdent('orders')).toBe('orders');
    expect(quoteIdent('_x9')).toBe('_x9');
    expect(quoteIdent('abort')).toBe('abort');
    expect(quoteIdent('name')).toBe('name');
  });

  it('quotes every keyword that is not unreserved, as quote_ident does', () => {
    for (const w of ['join', 'left', 'natural', 'user', 'select', 'between', 'authorization', 'xmltable'])
      expect(quoteIdent(w)).toBe(`"${w}"`);
  });

  it('quotes mixed case, leading digits, dollars, spaces and non-ASCII', () => {
    expect(quoteIdent('Orders')).toBe('"Orders"');
    expect(quoteIdent('1a')).toBe('"1a"');
    expect(quoteIdent('a$b')).toBe('"a$b"');
    expect(quoteIdent('a b')).toBe('"a b"');
    expect(quoteIdent('é')).toBe('"é"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });

  it('agrees with PostgreSQL 18’s scanner (libpg-query) on every keyword it knows', () => {
    for (const [word, category] of QUOTED_KEYWORDS) {
      const kind = keywordKind(word);
      expect({ word, kind }).toEqual({
        word,
        kind: { column_name: 2, type_func_name: 3, reserved: 4 }[category],
      });
    }
  });

  it('quotes a bare-shaped word exactly when the scanner calls it a non-unreserved keyword', () => {
    const words = ['abort', 'absolute', 'access', 'action', 'add', 'admin', 'zone', 'year', 'xml', 'work'];
    words.push(...'a b c id name type value data key role text json path level'.split(' '));
    for (const w of words) expect(isBareIdentifier(w)).toBe(keywordKind(w) <= 1);
  });

  it('writes every injection name so that it reads back as itself and as one token', () => {
    for (const name of INJECTION_NAMES) {
      const q = quoteIdent(name);
      expect(unquote(q)).toBe(name);
      const tokens = scanSync(`SELECT 1 AS ${q}`).tokens;
      expect(tokens.map((t) => t.text).slice(3)).toEqual([q]);
    }
  });

  it('refuses names PostgreSQL could not store', () => {
    expect(() => quoteIdent('')).toThrow(/empty/);
    expect(() => quoteIdent('a\0b')).toThrow(/NUL/);
    expect(() => quoteIdent('x'.repeat(64))).toThrow(/64 bytes/);
    expect(() => quoteIdent('é'.repeat(32))).toThrow(/64 bytes/);
    expect(quoteIdent('x'.repeat(63))).toBe('x'.repeat(63));
  });

  it('qualifies and always-quotes', () => {
    expect(quoteQualified('api', 'Order')).toBe('api."Order"');
    expect(quoteIdentAlways('api')).toBe('"api"');
    expect(quoteIdentAlways('a"b\0')).toBe('"a""b"');
  });
});

describe('quoteLiteral', () => {
  it('doubles quotes, and backslashes with an E prefix, as quote_literal does', () => {
    expect(quoteLiteral('x')).toBe("'x'");
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral('a\\b')).toBe("E'a\\\\b'");
    expect(quoteLiteral("\\'")).toBe("E'\\\\'''");
    expect(quoteLiteral('')).toBe("''");
    expect(() => quoteLiteral('\0')).toThrow(/NUL/);
  });

  it('makes every injection name one string constant', () => {
    for (const name of INJECTION_NAMES) {
      const tokens = scanSync(`SELECT ${quoteLiteral(name)}`).tokens;
      expect(tokens).toHaveLength(2);
      expect(tokens[1]?.tokenName).toBe('SCONST');
    }
  });
});
