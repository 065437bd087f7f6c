import { describe, expect, it } from 'vitest';
import type { Json } from '../errors/pgrst-error.js';
import { evaluateJsPath, parseJsPath } from './js-path.js';
import { evaluateJsonPath, parseJsonPath } from './json-path.js';

const doc: Json = {
  role: 'cf_user',
  roles: ['other', 'cf_user', 'cf_admin'],
  'https://example.com/claims': { role: 'web' },
  realm: {
    access: [
      { name: 'a', level: 2 },
      { name: 'b', level: 5 },
    ],
    roles: ['x'],
  },
  b: 2,
  a: 1,
};
const q = (path: string): Json[] => evaluateJsonPath(parseJsonPath(path), doc);

describe('RFC 9535 JSONPath (PostgREST 16 jwt-role-claim-key)', () => {
  it('selects by name, index, slice and wildcard', () => {
    expect(q('$.role')).toEqual(['cf_user']);
    expect(q("$['https://example.com/claims'].role")).toEqual(['web']);
    expect(q('$.roles[-1]')).toEqual(['cf_admin']);
    expect(q('$.roles[1:]')).toEqual(['cf_user', 'cf_admin']);
    expect(q('$.roles[::-1]')).toEqual(['cf_admin', 'cf_user', 'other']);
    expect(q('$.roles[0, 2]')).toEqual(['other', 'cf_admin']);
    // aeson's objects are ordered by key
    expect(q('$.*').slice(0, 2)).toEqual([1, 2]);
  });

  it('filters with comparisons, existence, logic and search()', () => {
    expect(q('$.roles[?@ == "cf_admin"]')).toEqual(['cf_admin']);
    expect(q('$.roles[?search(@, "^cf_")]')).toEqual(['cf_user', 'cf_admin']);
    expect(q('$.realm.access[?@.level > 3].name')).toEqual(['b']);
    expect(q('$.realm.access[?@.level >= 2 && !(@.name == "b")].name')).toEqual(['a']);
    expect(q('$.realm.access[?@.missing || @.level < 3].name')).toEqual(['a']);
    expect(q('$.realm[?@[0]]')).toEqual([
      [
        { name: 'a', level: 2 },
        { name: 'b', level: 5 },
      ],
      ['x'],
    ]);
  });

  it('descends', () => {
    expect(q('$..role')).toEqual(['cf_user', 'web']);
    expect(q('$..name')).toEqual(['a', 'b']);
  });

  it('refuses what aeson-jsonpath does not parse', () => {
    for (const bad of ['role', '$.', '$[', '$.roles[01]', '$.roles[?length(@) > 1]', '$.a b'])
      expect(() => parseJsonPath(bad), bad).toThrow();
  });
});

describe('jwt-role-claim-key: JSONPath first, then the older syntax', () => {
  it('reads both and evaluates to the first node', () => {
    const json = parseJsPath('$.roles[?search(@, "^cf_")]');
    expect(json.syntax).toBe('json-path');
    expect(evaluateJsPath(doc, json)).toBe('cf_user');
    const legacy = parseJsPath('.roles[?(@ ^== "cf_a")]');
    expect(legacy.syntax).toBe('legacy');
    expect(evaluateJsPath(doc, legacy)).toBe('cf_admin');
    expect(evaluateJsPath(doc, parseJsPath('."https://example.com/claims".role'))).toBe('web');
    expect(evaluateJsPath(doc, parseJsPath('.realm.access[1].name'))).toBe('b');
  });

  it('rejects what neither reads, naming the value', () => {
    expect(() => parseJsPath('.roles[?(@ == "a")].x')).toThrow(/role-claim-key value/);
    expect(() => parseJsPath('.roles[-1]')).toThrow(/role-claim-key value/);
    expect(() => parseJsPath('$.roles[?length(@)]')).toThrow(/role-claim-key value/);
  });
});
