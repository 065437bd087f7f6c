import { describe, expect, it } from 'vitest';
import type { Catalog, UserType } from '../../../shared/model/catalog.js';
import { fn, smallCatalog, table } from '../../../shared/model/testing/small-catalog.js';
import { renderMigration } from '../export/render-script.js';
import { diffModels } from './diff-models.js';

const model = (extra: Partial<Catalog>): Catalog => ({
  ...smallCatalog({ roles: [], relations: [] }),
  ...extra,
});

const baseType: UserType = {
  oid: 0,
  schema: 'api',
  name: 'blob',
  kind: 'base',
  owner: 'postgres',
  comment: null,
  arrayOid: null,
  labels: [],
  domain: null,
  attributes: [],
  rangeSubtype: null,
  extension: null,
};

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
      '-- not written: function api.total(): The aggregate api.total cannot be written from the model. The model does not hold an aggregate’s state function and type; use pg_dump for aggregates.',
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
    expect(m.statements[0]?.sql).toMatch(/^CREATE FUNCTION api\.twice\(\)[\s\S]*\nRETURN \(1 \* 2\)$/);
  });
});
