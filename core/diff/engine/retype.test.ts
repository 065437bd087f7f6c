import { describe, expect, it } from 'vitest';
import type { Cast, Catalog, Column, TypeRef, UserType } from '../../../shared/model/catalog.js';
import { smallCatalog, table, userType } from '../../../shared/model/testing/small-catalog.js';
import { converts, retypeWay } from './retype.js';

// The rules against real servers: retype.pg.test.ts. Here, what the models decide: domains, arrays of user types
// and user-defined casts.

const ref = (schema: string, name: string, oid: number, kind: TypeRef['kind'] = 'base'): TypeRef => ({
  oid,
  schema,
  name,
  formatted: schema === 'pg_catalog' ? name : `${schema}.${name}`,
  kind,
  isArray: false,
  elementOid: null,
});
const INT = { ...ref('pg_catalog', 'int4', 23), formatted: 'integer' };
const BIGINT = { ...ref('pg_catalog', 'int8', 20), formatted: 'bigint' };
const POINT = ref('pg_catalog', 'point', 600);
const column = (type: TypeRef): Column => ({ ...table('app', 't', 'postgres', ['c']).columns[0]!, type });
const domain = (t: TypeRef, base: TypeRef) =>
  userType(t, {
    kind: 'domain',
    domain: { baseType: base, notNull: false, default: null, constraints: [] },
  });
const model = (types: UserType[] = [], casts: Cast[] = []): Catalog => ({
  ...smallCatalog({ roles: [] }),
  types,
  casts,
});
const cast = (sourceType: string, targetType: string): Cast => ({
  sourceType,
  targetType,
  sourceIsDomain: false,
  targetIsDomain: false,
  context: 'explicit',
  method: 'binary',
  function: null,
});

describe('converts', () => {
  const SMALL = ref('app', 'small', 90001, 'domain');
  it('reads a domain as its base type, on its own side', () => {
    const from = model([domain(SMALL, INT)]);
    expect(converts(column(SMALL), column(BIGINT), { from, to: model() })).toBe(true);
    expect(converts(column(POINT), column(SMALL), { from: model(), to: model([domain(SMALL, INT)]) })).toBe(
      false,
    );
    // A domain outside the model: not known to convert.
    expect(converts(column(SMALL), column(BIGINT), { from: model(), to: model() })).toBe(false);
  });

  it('takes an array element by element, a user type from its model', () => {
    const CENTS = ref('app', 'cents', 90002);
    const cents = userType(CENTS, { arrayOid: 90003 });
    const centsArray: TypeRef = {
      ...ref('app', '_cents', 90003),
      formatted: 'app.cents[]',
      isArray: true,
      elementOid: 90002,
    };
    const intArray: TypeRef = {
      ...ref('pg_catalog', '_int4', 1007),
      formatted: 'integer[]',
      isArray: true,
      elementOid: 23,
    };
    const both = [cast('app.cents', 'integer')];
    expect(
      converts(column(centsArray), column(intArray), { from: model([cents], both), to: model([], both) }),
    ).toBe(true);
    expect(converts(column(CENTS), column(INT), { from: model([cents], both), to: model() })).toBe(false);
    expect(converts(column(INT), column(CENTS), { from: model([], both), to: model([cents], both) })).toBe(
      false,
    );
  });

  it('moves one enum or range to another through text where every value reads as one of the new type', () => {
    const E1 = ref('app', 'e1', 90004, 'enum');
    const E2 = ref('app', 'e2', 90005, 'enum');
    const R = ref('app', 'r', 90006, 'range');
    const enums = model([
      userType(E1, { kind: 'enum', labels: ['a', 'b'] }),
      userType(E2, { kind: 'enum', labels: ['a', 'c', 'b'] }),
    ]);
    const both = { from: enums, to: enums };
    expect(retypeWay(column(E1), column(E2), false)).toBe('through_text');
    expect(converts(column(E1), column(E2), both)).toBe(true);
    // 'c' is no label of e1; an enum outside the models is not known to fit.
    expect(converts(column(E2), column(E1), both)).toBe(false);
    expect(converts(column(E1), column(E2), { from: model(), to: model() })).toBe(false);
    expect(converts(column(E1), column(R), both)).toBe(false);
    const INT4RANGE = ref('pg_catalog', 'int4range', 3904, 'range');
    const NUMRANGE = ref('pg_catalog', 'numrange', 3906, 'range');
    expect(converts(column(INT4RANGE), column(NUMRANGE), both)).toBe(true);
    expect(converts(column(NUMRANGE), column(INT4RANGE), both)).toBe(false);
  });
});
