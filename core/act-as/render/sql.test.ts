import { describe, expect, it } from 'vitest';
import { arrayLiteral, castType, catalogLiteral, column, ident, Params, qident } from './sql.js';

describe('SQL building blocks', () => {
  it('quotes identifiers, doubling quotes and dropping NULs', () => {
    expect(ident('a"b')).toBe('"a""b"');
    expect(ident('x\0y')).toBe('"xy"');
    expect(qident({ schema: 'api', name: 'Tasks' })).toBe('"api"."Tasks"');
    expect(qident({ schema: '', name: 'alias_1' })).toBe('"alias_1"');
    expect(column({ schema: 'api', name: 't' }, '*')).toBe('"api"."t".*');
  });
  it('numbers parameters in order', () => {
    const p = new Params();
    expect([p.add('a'), p.add(null), p.add("'; drop table x; --")]).toEqual(['$1', '$2', '$3']);
    expect(p.values).toEqual(['a', null, "'; drop table x; --"]);
  });
  it('builds array literals with escaped elements', () => {
    expect(arrayLiteral(['a', 'b,c', 'd"e', 'f\\g'])).toBe('{"a","b,c","d\\"e","f\\\\g"}');
  });
  it('escapes catalog literals', () => {
    expect(catalogLiteral("it's")).toBe("'it''s'");
    expect(catalogLiteral('a\\b')).toBe("E'a\\\\b'");
  });
  it('accepts only the cast characters the request grammar allows', () => {
    expect(castType('double precision')).toBe('double precision');
    expect(castType('int4')).toBe('int4');
    expect(() => castType('int); drop table x; --')).toThrow();
  });
});
