import { describe, expect, it } from 'vitest';
import type { Catalog, Relation, UserType } from '../../../shared/model/catalog.js';
import { fn, smallCatalog, table, userType } from '../../../shared/model/testing/small-catalog.js';
import { renderMigration } from '../export/render-script.js';
import { diffModels } from './diff-models.js';

const model = (extra: Partial<Catalog>): Catalog => ({
  ...smallCatalog({ roles: [], relations: [] }),
  ...extra,
});

const baseType = userType({ oid: 0, schema: 'api', name: 'blob' });

// An object the DDL writer cannot write from the model (GH222) is a named entry of the migration, never a change
// that silently has no statement.
describe('objects the DDL writer cannot write', () => {
  const a = model({});
  const b = model({
    relations: [table('api', 'kept', 'postgres', ['id'])],
    functions: [
      fn('api', 'total', 'postgres', 'aggregate'),
      { ...fn('api', 'native', 'postgres'), language: 'c', source: 'native_fn' },
      fn('api', 'ok', 'postgres'),
    ],
    types: [baseType],
  });

  it('lists each one with the writer’s reason and hint, and writes the rest', () => {
    const m = diffModels(a, b);
    expect(m.unwritable.map((u) => [u.changeId, u.reason])).toEqual([
      ['type:add:api.blob', 'The base type api.blob cannot be written from the model.'],
      ['function:add:api.total()', 'The aggregate api.total cannot be written from the model.'],
      ['function:add:api.native()', 'The C function api.native cannot be written from the model.'],
    ]);
    expect(m.unwritable.every((u) => u.hint !== null && u.hint.length > 0)).toBe(true);
    const sql = m.statements.map((s) => s.sql);
    expect(sql.some((s) => s.startsWith('CREATE TABLE api.kept'))).toBe(true);
    expect(sql.some((s) => s.startsWith('CREATE FUNCTION api.ok()'))).toBe(true);
    expect(sql.some((s) => /\b(total|native|blob)\b/.test(s))).toBe(false);
    // Each still stands as a change: the tree shows it, and verification reports its residue.
    expect(m.changes.map((c) => c.id)).toEqual(expect.arrayContaining(m.unwritable.map((u) => u.changeId)));
  });

  it('names them on top of the script', () => {
    const text = renderMigration(diffModels(a, b));
    expect(text.split('\n').slice(0, 3)).toEqual([
      '-- not written: type api.blob: The base type api.blob cannot be written from the model. Base types are defined in C: create them through their extension.',
      '-- not written: function api.total(): The aggregate api.total cannot be written from the model. The model was read before aggregates’ definitions were: read it again.',
      '-- not written: function api.native(): The C function api.native cannot be written from the model. Its shared library is not in the model; create it through its extension.',
    ]);
    expect(text).toContain('CREATE TABLE api.kept');
  });

  it('leaves one out with its change when it is ticked out', () => {
    const m = diffModels(a, b, { skip: ['function:add:api.total()'] });
    expect(m.unwritable.map((u) => u.changeId)).toEqual(['type:add:api.blob', 'function:add:api.native()']);
  });

  it('writes SQL-standard bodies instead of listing them', () => {
    const body = { ...fn('api', 'twice', 'postgres'), source: '', sqlBody: 'RETURN (1 * 2)' };
    const m = diffModels(a, model({ functions: [body] }));
    expect(m.unwritable).toEqual([]);
    // After the transaction's check_function_bodies = false (a string body may name what comes later).
    expect(m.statements[0]?.sql).toBe("SELECT pg_catalog.set_config('check_function_bodies', 'false', true)");
    expect(m.statements[1]?.sql).toMatch(/^CREATE FUNCTION api\.twice\(\)[\s\S]*\nRETURN \(1 \* 2\)$/);
  });
});

describe('changes in place the DDL writer cannot write', () => {
  it('lists an aggregate that CREATE OR REPLACE would have to write, instead of failing the diff', () => {
    const agg = fn('api', 'total', 'postgres', 'aggregate');
    const m = diffModels(model({ functions: [agg] }), model({ functions: [{ ...agg, parallel: 'safe' }] }));
    expect(m.unwritable.map((u) => u.changeId)).toEqual(['function:alter:api.total()']);
    expect(m.statements).toEqual([]);
  });
});

describe('range types', () => {
  const INT = fn('api', 'x', 'postgres').returns.type;
  const range = (extra: Partial<UserType>): UserType => ({
    ...baseType,
    name: 'span',
    kind: 'range',
    rangeSubtype: INT,
    ...extra,
  });

  it('writes their options, and lists one with a canonical function as not written', () => {
    const withDiff = range({
      range: { subtypeDiff: 'api.span_diff', multirange: { schema: 'api', name: 'spans' } },
    });
    expect(diffModels(model({}), model({ types: [withDiff] })).statements[0]?.sql).toBe(
      'CREATE TYPE api.span AS RANGE (SUBTYPE = integer, SUBTYPE_DIFF = api.span_diff, MULTIRANGE_TYPE_NAME = api.spans)',
    );
    const canonical = range({ range: { canonical: 'api.span_canonical' } });
    const m = diffModels(model({}), model({ types: [canonical] }));
    expect(m.unwritable.map((u) => u.reason)).toEqual([
      'The range type api.span has a canonical function, which the model cannot write.',
    ]);
    expect(m.statements).toEqual([]);
  });

  it('refuses a subtype_diff that is not a function name', () => {
    const bad = range({ range: { subtypeDiff: 'f); DROP TABLE x; --' } });
    expect(diffModels(model({}), model({ types: [bad] })).unwritable.map((u) => u.reason)).toEqual([
      'The subtype_diff function is not a function name.',
    ]);
  });
});

// Recreating drops first: an object whose new version cannot be written must never be dropped, or the migration
// loses it. It stays as it is and is named, as an added one is.
describe('objects recreated that the DDL writer cannot write', () => {
  const view = (columns: string[], viewDefinition: string | null): Relation => ({
    ...table('api', 'totals', 'postgres', columns),
    kind: 'view',
    viewDefinition,
  });

  it('leaves a view whose new definition cannot be read in place', () => {
    const m = diffModels(
      model({ relations: [view(['a', 'b'], 'SELECT 1 AS a, 2 AS b')] }),
      model({ relations: [view(['a'], null)] }),
    );
    expect(m.unwritable.map((u) => [u.object.name, u.reason])).toEqual([
      ['totals', 'The definition of api.totals could not be read.'],
    ]);
    expect(m.statements.map((s) => s.sql)).toEqual([]);
  });

  it('leaves a function whose new result it cannot write in place', () => {
    const native = { ...fn('api', 'native', 'postgres'), language: 'c', source: 'native_fn' };
    const text = { ...native, returns: { ...native.returns, text: 'text' } };
    const m = diffModels(model({ functions: [native] }), model({ functions: [text] }));
    expect(m.unwritable.map((u) => u.reason)).toEqual([
      'The C function api.native cannot be written from the model.',
    ]);
    expect(m.statements.map((s) => s.sql)).toEqual([]);
  });

  it('names an extension version the server has no update path to, and writes one it has', () => {
    const hstore = (version: string, updateTargets?: string[]) => ({
      oid: 1,
      name: 'hstore',
      version,
      schema: 'public',
      relocatable: true,
      owner: 'postgres',
      comment: null,
      ...(updateTargets !== undefined ? { updateTargets } : {}),
    });
    const down = diffModels(
      model({ extensions: [hstore('1.8', [])] }),
      model({ extensions: [hstore('1.7')] }),
    );
    expect(down.unwritable.map((u) => u.reason)).toEqual([
      'The extension hstore cannot go from version 1.8 to 1.7: the server has no update path between them.',
    ]);
    expect(down.statements.map((s) => s.sql)).toEqual([]);
    const up = diffModels(
      model({ extensions: [hstore('1.7', ['1.8'])] }),
      model({ extensions: [hstore('1.8')] }),
    );
    expect(up.statements.map((s) => s.sql)).toEqual(["ALTER EXTENSION hstore UPDATE TO '1.8'"]);
    // Unknown paths (a model read before they were): written, verification tells.
    const unknown = diffModels(
      model({ extensions: [hstore('1.8')] }),
      model({ extensions: [hstore('1.7')] }),
    );
    expect(unknown.statements.map((s) => s.sql)).toEqual(["ALTER EXTENSION hstore UPDATE TO '1.7'"]);
  });

  it('leaves a table rebuilt for its column order in place when the new one cannot be written', () => {
    const before = table('api', 'items', 'postgres', ['id', 'total']);
    const after = table('api', 'items', 'postgres', ['total', 'id']);
    const broken: Relation = {
      ...after,
      columns: after.columns.map((c) => (c.name === 'total' ? { ...c, generated: 'stored' } : c)),
    };
    const m = diffModels(model({ relations: [before] }), model({ relations: [broken] }));
    expect(m.unwritable.map((u) => u.reason)).toEqual(['The generated column total has no expression.']);
    expect(m.statements.map((s) => s.sql)).toEqual([]);
  });

  it('names the order of an INHERITS child only a parent ADD COLUMN gives, when its parent keeps its order', () => {
    const parent = table('api', 'base', 'postgres', ['a', 'b']);
    const child = (cols: string[]): Relation => ({
      ...table('api', 'leaf', 'postgres', cols),
      inherits: [{ schema: 'api', name: 'base' }],
    });
    // leaf (a, x, b): CREATE TABLE … INHERITS would give (a, b, x), and it declares neither inherited column to be
    // made on its own and then INHERIT: a rebuild would never come out as TO has it.
    const m = diffModels(
      model({ relations: [parent, child(['a', 'b', 'x'])] }),
      model({ relations: [parent, child(['a', 'x', 'b'])] }),
    );
    expect(m.unwritable.map((u) => [u.object.name, u.hint])).toEqual([
      ['leaf', 'Recreate it and its inheritance children by hand, or diff with --ignore-column-order.'],
    ]);
    expect(m.unwritable[0]?.reason).toMatch(/would give api\.leaf \(a, b, x\), not \(a, x, b\)/);
    expect(m.statements.map((s) => s.sql)).toEqual([]);
  });
});
