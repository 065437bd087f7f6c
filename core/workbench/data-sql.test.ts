import { describe, expect, it } from 'vitest';
import type { DataShape } from '../../shared/contract/workbench.js';
import { canSeek, compileChanges, compileCount, compilePage, readOnlyReason } from './data-sql.js';

const shape: DataShape = {
  kind: 'table',
  columns: [
    { name: 'id', type: 'integer', notNull: true, hasDefault: false, generated: false },
    { name: 'Name', type: 'text', notNull: false, hasDefault: false, generated: false },
    { name: 'total', type: 'bigint', notNull: false, hasDefault: false, generated: true },
  ],
  primaryKey: ['id'],
  readOnly: null,
};
const rel = { schema: 'api', name: 'my "odd" table' };

describe('compilePage', () => {
  it('binds every filter value and quotes every identifier', () => {
    expect(
      compilePage(shape, rel, {
        filters: [
          { column: 'Name', op: 'contains', value: '50%_off\\' },
          { column: 'id', op: 'gte', value: '10' },
          { column: 'Name', op: 'eq', value: null },
          { column: 'total', op: 'not_null', value: null },
        ],
        sort: [{ column: 'Name', direction: 'desc' }],
        offset: 400,
        limit: 200,
      }),
    ).toEqual({
      sql: 'SELECT "id", "Name", "total" FROM "api"."my ""odd"" table" WHERE "Name"::text ILIKE \'%\' || $1 || \'%\' AND "id" >= $2 AND "Name" IS NULL AND "total" IS NOT NULL ORDER BY "Name" DESC, "id" ASC LIMIT $3 OFFSET $4',
      params: ['50\\%\\_off\\\\', '10', '200', '400'],
    });
  });

  it('seeks after the last key when the rows are in key order', () => {
    expect(
      compilePage(shape, rel, { filters: [], sort: [], offset: 200, limit: 200, after: ['199'] }),
    ).toEqual({
      sql: 'SELECT "id", "Name", "total" FROM "api"."my ""odd"" table" WHERE ("id") > ($1) ORDER BY "id" ASC LIMIT $2',
      params: ['199', '200'],
    });
    expect(canSeek(shape, [{ column: 'id', direction: 'asc' }])).toBe(true);
    expect(canSeek(shape, [{ column: 'id', direction: 'desc' }])).toBe(false);
    expect(canSeek(shape, [{ column: 'Name', direction: 'asc' }])).toBe(false);
    // not seekable: `after` is ignored and OFFSET used
    expect(
      compilePage(shape, rel, {
        filters: [],
        sort: [{ column: 'Name', direction: 'asc' }],
        offset: 200,
        limit: 10,
        after: ['1'],
      }).sql,
    ).toMatch(/OFFSET \$2$/);
  });

  it('refuses a column that is not one, whatever it looks like', () => {
    for (const column of ['name', 'id; drop table x', '"id"', 'id"--'])
      expect(() =>
        compilePage(shape, rel, {
          filters: [{ column, op: 'eq', value: '1' }],
          sort: [],
          offset: 0,
          limit: 1,
        }),
      ).toThrow(/is not a column/);
  });

  it('counts up to a cap', () => {
    expect(compileCount(shape, rel, [], 1000)).toEqual({
      sql: 'SELECT count(*) AS n FROM (SELECT 1 FROM "api"."my ""odd"" table" LIMIT $1) AS capped',
      params: ['1001'],
    });
  });
});

describe('compileChanges', () => {
  it('updates, inserts and deletes by primary key, values as parameters', () => {
    expect(
      compileChanges(shape, rel, [
        { kind: 'update', key: { id: '1' }, set: { Name: "O'Brien" } },
        { kind: 'insert', values: {} },
        { kind: 'insert', values: { id: '5', Name: null } },
        { kind: 'delete', key: { id: '2' } },
      ]),
    ).toEqual([
      { sql: 'UPDATE "api"."my ""odd"" table" SET "Name" = $1 WHERE "id" = $2', params: ["O'Brien", '1'] },
      { sql: 'INSERT INTO "api"."my ""odd"" table" DEFAULT VALUES', params: [] },
      { sql: 'INSERT INTO "api"."my ""odd"" table" ("id", "Name") VALUES ($1, $2)', params: ['5', null] },
      { sql: 'DELETE FROM "api"."my ""odd"" table" WHERE "id" = $1', params: ['2'] },
    ]);
  });

  it('refuses generated columns, incomplete keys and read-only relations', () => {
    expect(() =>
      compileChanges(shape, rel, [{ kind: 'update', key: { id: '1' }, set: { total: '1' } }]),
    ).toThrow(/computed by PostgreSQL/);
    expect(() => compileChanges(shape, rel, [{ kind: 'delete', key: { Name: 'x' } }])).toThrow(/primary key/);
    expect(() => compileChanges(shape, rel, [{ kind: 'delete', key: { id: null } }])).toThrow(
      /cannot be null/,
    );
    expect(() => compileChanges({ ...shape, primaryKey: [] }, rel, [{ kind: 'insert', values: {} }])).toThrow(
      /no primary key/,
    );
    expect(readOnlyReason({ kind: 'materialized_view', primaryKey: [] })).toMatch(
      /materialized view has no primary key/,
    );
  });
});
