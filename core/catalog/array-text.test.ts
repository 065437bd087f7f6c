import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { catalogTypes, readIntArray, readTextArray } from './array-text.js';

type Parser = (text: string) => unknown;
const defaultParser = (oid: number): Parser => pg.types.getTypeParser(oid, 'text') as Parser;

describe('catalog array readers', () => {
  it('read int arrays exactly as node-postgres does', () => {
    const own = defaultParser(1005);
    for (const text of [
      '{}',
      '{1}',
      '{1,2,3}',
      '{-1,NULL,32767}',
      '[0:1]={1,2}',
      '[2:2]={7}',
      '{{1,2},{3,4}}',
    ]) {
      expect(readIntArray(text, own)).toEqual(own(text));
    }
  });

  it('read text arrays exactly as node-postgres does, quoted ones through its parser', () => {
    const own = defaultParser(1009);
    const texts = [
      '{}',
      '{a}',
      '{fillfactor=70,autovacuum_enabled=off}',
      '{NULL,x}',
      '{"a b","NULL",c}',
      '{"q\\"uote","back\\\\slash"}',
      '{{bench_s1,t1},{bench_s1,t2}}',
      '[0:1]={a,b}',
    ];
    for (const text of texts) expect(readTextArray(text, own)).toEqual(own(text));
  });

  it('hand other types and formats to the client', () => {
    const client = new pg.Client();
    const types = catalogTypes(client);
    // int2[]: a type node-postgres's TypeId list leaves out.
    const int2Array = 1005 as Parameters<typeof types.getTypeParser>[0];
    expect(types.getTypeParser(23, 'text')).toBe(client.getTypeParser(23, 'text'));
    expect(types.getTypeParser(int2Array, 'binary')).toBe(client.getTypeParser(int2Array, 'binary'));
    expect((types.getTypeParser(int2Array, 'text') as Parser)('{4,5}')).toEqual([4, 5]);
    expect(catalogTypes(client)).toBe(types);
  });
});
