import { describe, expect, it } from 'vitest';
import type { Catalog, Column, Relation, TypeRef } from '../../../shared/model/catalog.js';
import { builtInType, smallCatalog, table } from '../../../shared/model/testing/small-catalog.js';
import { diffModels } from './diff-models.js';
import { acceptedRenames, renameCandidates } from './renames.js';

const INT = builtInType('int4', 'integer', 23);
const BIGINT = builtInType('int8', 'bigint', 20);
const TEXT = builtInType('text', 'text', 25);
const POINT = builtInType('point', 'point', 600);
const BOOL = builtInType('bool', 'boolean', 16);
const NUMERIC = builtInType('numeric', 'numeric(10,2)', 1700);

/** A table of `app` whose columns are given as `name:type`. */
function rel(name: string, columns: Record<string, TypeRef>, extra: Partial<Relation> = {}): Relation {
  const t = table('app', name, 'postgres', Object.keys(columns));
  return {
    ...t,
    columns: t.columns.map((c): Column => ({ ...c, type: columns[c.name] ?? INT })),
    ...extra,
  };
}
const model = (...relations: Relation[]): Catalog => smallCatalog({ roles: [], relations, schemas: ['app'] });
const columnPairs = (a: Catalog, b: Catalog) =>
  renameCandidates(a, b)
    .filter((c) => c.kind === 'column')
    .map((c) => `${c.from.member ?? ''}→${c.to.member ?? ''} ${c.similarity}`);

describe('column rename candidates', () => {
  it('offers a column of the same type wherever it is, the same place first', () => {
    const a = model(rel('t', { id: INT, a: TEXT, b: INT }));
    const b = model(rel('t', { id: INT, c: TEXT, d: TEXT }));
    // b → d converts (integer to text) in place, but less alike than a → d.
    expect(columnPairs(a, b)).toEqual(['a→c 1', 'a→d 0.8', 'b→d 0.6']);
  });

  it('offers a retyped column in the same place when its type converts', () => {
    const a = model(rel('t', { id: INT, qty: INT, note: TEXT, price: TEXT }));
    const b = model(rel('t', { id: INT, quantity: BIGINT, note: TEXT, price_num: NUMERIC }));
    expect(columnPairs(a, b)).toEqual(['qty→quantity 0.6', 'price→price_num 0.6']);
  });

  it("offers the table's only gone and only new column elsewhere in the table when its type converts", () => {
    const a = model(rel('t', { id: INT, code: TEXT, label: TEXT }));
    const b = model(rel('t', { id: INT, label: TEXT, code_num: INT }));
    expect(columnPairs(a, b)).toEqual(['code→code_num 0.5']);
  });

  it('offers no retyped column elsewhere in the table when more than one is gone or new', () => {
    const a = model(rel('t', { id: INT, code: TEXT, other: BOOL, label: TEXT }));
    const b = model(rel('t', { id: INT, label: TEXT, code_num: INT }));
    // other → code_num is in place (boolean to integer converts); code is not, and not alone.
    expect(columnPairs(a, b)).toEqual(['other→code_num 0.6']);
  });

  it('never offers a column whose type does not convert', () => {
    const a = model(rel('t', { id: INT, spot: POINT }), rel('u', { id: INT, flag: BOOL }));
    const b = model(rel('t', { id: INT, spot_n: INT }), rel('u', { id: INT, big: BIGINT }));
    // No cast from point to integer, nor from boolean to bigint (only to integer).
    expect(columnPairs(a, b)).toEqual([]);
  });

  it('offers nothing on a typed table, a partition or for an inherited column', () => {
    const of = { ofType: { schema: 'app', name: 'pt' } };
    const typed = [rel('t', { id: INT, a: INT }, of), rel('t', { id: INT, b: INT }, of)];
    expect(columnPairs(model(typed[0]!), model(typed[1]!))).toEqual([]);
    const part = { partitionOf: { schema: 'app', name: 'p' }, partitionBound: 'DEFAULT' };
    expect(
      columnPairs(model(rel('k', { id: INT, a: INT }, part)), model(rel('k', { id: INT, b: BIGINT }, part))),
    ).toEqual([]);
    const child = { inherits: [{ schema: 'app', name: 'p' }] };
    const a = model(rel('p', { id: INT }), rel('k', { id: INT, own: INT }, child));
    const b = model(rel('p', { ident: BIGINT }), rel('k', { ident: BIGINT, own: INT }, child));
    // The parent's id may be renamed (RENAME COLUMN reaches the child); the child's copy of it is not, nor is its
    // own column gone renamed to the one it is to inherit.
    expect(columnPairs(a, b)).toEqual(['id→ident 0.6']);
    const c = model(rel('p', { id: INT }), rel('k', { id: INT, own: INT }, child));
    const d = model(rel('p', { id: INT, extra: INT }), rel('k', { id: INT, extra: INT }, child));
    expect(columnPairs(c, d)).toEqual([]);
  });

  it('offers no retyped column that is generated, or that a generated column or the partition key uses', () => {
    const gen = (name: string, expr: string): Partial<Column> => ({
      name,
      generated: 'stored',
      generation: expr,
    });
    const withGen = (r: Relation, at: number, g: Partial<Column>): Relation => ({
      ...r,
      columns: r.columns.map((c, i) => (i === at ? { ...c, ...g } : c)),
    });
    const a = model(withGen(rel('t', { id: INT, a: INT, twice: INT }), 2, gen('twice', '(a * 2)')));
    const b = model(withGen(rel('t', { id: INT, b: BIGINT, twice: INT }), 2, gen('twice', '(b * 2)')));
    expect(columnPairs(a, b)).toEqual([]);
    const keyed = { kind: 'partitioned_table' as const, partitionKey: 'RANGE (a)' };
    expect(
      columnPairs(
        model(rel('p', { a: INT }, keyed)),
        model(rel('p', { b: BIGINT }, { ...keyed, partitionKey: 'RANGE (b)' })),
      ),
    ).toEqual([]);
  });

  it('takes the column of the same type over the retyped one in the same place', () => {
    const a = model(rel('t', { id: INT, a: INT, b: BIGINT }));
    const b = model(rel('t', { id: INT, c: BIGINT }));
    const all = acceptedRenames(renameCandidates(a, b), { renames: 'all' });
    expect(all.map((c) => `${c.from.member ?? ''}→${c.to.member ?? ''}`)).toEqual(['b→c']);
  });

  it('renames, then retypes the column, where without renames it drops and adds', () => {
    const a = model(rel('t', { id: INT, qty: INT }));
    const b = model(rel('t', { id: INT, quantity: BIGINT }));
    const sql = diffModels(a, b, { renames: 'all' }).statements.map((s) => s.sql);
    expect(sql).toEqual([
      'ALTER TABLE app.t RENAME COLUMN qty TO quantity',
      'ALTER TABLE app.t ALTER COLUMN quantity TYPE bigint USING quantity::bigint',
    ]);
    expect(diffModels(a, b).statements.map((s) => s.sql)).toEqual([
      'ALTER TABLE app.t DROP COLUMN qty',
      'ALTER TABLE app.t ADD COLUMN quantity bigint',
    ]);
  });
});
