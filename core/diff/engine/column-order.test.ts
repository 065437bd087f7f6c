import { describe, expect, it } from 'vitest';
import type { Catalog, Constraint, Relation } from '../../../shared/model/catalog.js';
import { smallCatalog, table } from '../../../shared/model/testing/small-catalog.js';
import { diffModels } from './diff-models.js';

const model = (relations: Relation[]): Catalog => smallCatalog({ roles: [], relations });
const sqls = (a: Catalog, b: Catalog) => diffModels(a, b).statements.map((s) => s.sql);
const at = (list: readonly string[], sql: string) => {
  const i = list.findIndex((s) => s.startsWith(sql));
  expect(i, sql).toBeGreaterThanOrEqual(0);
  return i;
};

const pkey = (name: string, column: string, inherited = false): Constraint => ({
  name,
  kind: 'primary_key',
  columns: [column],
  definition: `PRIMARY KEY (${column})`,
  foreignKey: null,
  deferrable: false,
  deferred: false,
  validated: true,
  index: name,
  inherited,
  comment: null,
});
const parted = (columns: string[]): Relation => ({
  ...table('api', 'm', 'postgres', columns),
  kind: 'partitioned_table',
  partitionKey: 'RANGE (d)',
  constraints: [pkey('m_pkey', 'd')],
});
const part = (name: string, columns: string[], bound: string): Relation => ({
  ...table('api', name, 'postgres', columns),
  partitionOf: { schema: 'api', name: 'm' },
  partitionBound: bound,
  constraints: [pkey(`${name}_pkey`, 'd', true)],
});
const child = (name: string, parent: string, columns: string[]): Relation => ({
  ...table('api', name, 'postgres', columns),
  inherits: [{ schema: 'api', name: parent }],
});

describe('column order of partitions', () => {
  it('rebuilds a partition detached, its rows copied, its key back before ATTACH with the same bound', () => {
    const bound = 'FOR VALUES FROM (10) TO (20)';
    const s = sqls(
      model([parted(['d', 'v']), part('m2', ['v', 'd'], bound)]),
      model([parted(['d', 'v']), part('m2', ['d', 'v'], bound)]),
    );
    const detach = at(s, 'ALTER TABLE api.m DETACH PARTITION api.m2');
    const rename = at(s, 'ALTER TABLE api.m2 RENAME TO m2_gh_rebuild');
    const copy = at(
      s,
      'INSERT INTO api.m2 (d, v) OVERRIDING SYSTEM VALUE SELECT d, v FROM api.m2_gh_rebuild',
    );
    const key = at(s, 'ALTER TABLE api.m2 ADD CONSTRAINT m2_pkey PRIMARY KEY (d)');
    const attach = at(s, `ALTER TABLE api.m ATTACH PARTITION api.m2 ${bound}`);
    expect([detach, rename, copy, key, attach]).toEqual(
      [...[detach, rename, copy, key, attach]].sort((a, b) => a - b),
    );
    expect(diffModels(model([]), model([])).unwritable).toEqual([]);
  });

  it('recreates a partitioned table in its new order, its partitions detached meanwhile, no row lost', () => {
    const bound = 'FOR VALUES FROM (0) TO (10)';
    const m = diffModels(
      model([
        parted(['d', 'v']),
        part('kept', ['d', 'v'], bound),
        part('moved', ['d', 'v'], 'FOR VALUES FROM (10) TO (20)'),
      ]),
      model([
        parted(['v', 'd']),
        part('kept', ['d', 'v'], bound),
        part('moved', ['v', 'd'], 'FOR VALUES FROM (10) TO (20)'),
      ]),
    );
    expect(m.unwritable).toEqual([]);
    const s = m.statements.map((x) => x.sql);
    expect(at(s, 'ALTER TABLE api.m DETACH PARTITION api.kept')).toBeLessThan(at(s, 'DROP TABLE api.m'));
    expect(at(s, 'DROP TABLE api.m')).toBeLessThan(at(s, 'CREATE TABLE api.m ('));
    expect(s.some((x) => x.startsWith('ALTER TABLE api.kept RENAME'))).toBe(false);
    at(s, 'ALTER TABLE api.moved RENAME TO moved_gh_rebuild');
    expect(at(s, 'CREATE TABLE api.m (')).toBeLessThan(
      at(s, `ALTER TABLE api.m ATTACH PARTITION api.kept ${bound}`),
    );
    const drop = m.statements.find((x) => x.sql === 'DROP TABLE api.m');
    expect(drop?.hazards.map((h) => h.kind)).not.toContain('data_loss');
  });
});

describe('column order of INHERITS parents and children', () => {
  it('rebuilds a parent with its children and theirs, its own rows copied alone, each child under the new one', () => {
    const a = model([
      table('api', 'base', 'postgres', ['a', 'b']),
      child('leaf', 'base', ['a', 'b', 'x']),
      child('deep', 'leaf', ['a', 'b', 'x', 'y']),
    ]);
    const b = model([
      table('api', 'base', 'postgres', ['b', 'a']),
      child('leaf', 'base', ['b', 'a', 'x']),
      child('deep', 'leaf', ['b', 'a', 'x', 'y']),
    ]);
    const m = diffModels(a, b);
    expect(m.unwritable).toEqual([]);
    const s = m.statements.map((x) => x.sql);
    const noInherit = at(s, 'ALTER TABLE api.leaf NO INHERIT api.base');
    expect(noInherit).toBeLessThan(at(s, 'ALTER TABLE api.base RENAME TO base_gh_rebuild'));
    const copy = at(
      s,
      'INSERT INTO api.base (b, a) OVERRIDING SYSTEM VALUE SELECT b, a FROM ONLY api.base_gh_rebuild',
    );
    expect(copy).toBeLessThan(at(s, 'DROP TABLE api.base_gh_rebuild'));
    expect(at(s, 'DROP TABLE api.base_gh_rebuild')).toBeLessThan(at(s, 'CREATE TABLE api.leaf ('));
    // Columns only inherited are left to INHERITS, which gives them the parent's order.
    expect(s[at(s, 'CREATE TABLE api.leaf (')]).toBe(
      'CREATE TABLE api.leaf (\n  x integer\n) INHERITS (api.base)',
    );
    expect(s[at(s, 'CREATE TABLE api.deep (')]).toBe(
      'CREATE TABLE api.deep (\n  y integer\n) INHERITS (api.leaf)',
    );
    at(
      s,
      'INSERT INTO api.deep (b, a, x, y) OVERRIDING SYSTEM VALUE SELECT b, a, x, y FROM api.deep_gh_rebuild',
    );
    // The children's rebuilds go with the parent's: ticking it out leaves them all.
    const leaf = m.changes.find((c) => c.object.name === 'leaf');
    expect(leaf?.requires).toContain('table:rebuild:api.base');
    expect(diffModels(a, b, { skip: ['table:rebuild:api.base'] }).statements).toEqual([]);
  });

  it('writes a column the child declares too, merged, and a child that keeps its order made alone, then INHERIT', () => {
    const declared = (r: Relation): Relation => ({
      ...r,
      columns: r.columns.map((c) => (c.name === 'x' ? c : { ...c, declared: true as const })),
    });
    const s = sqls(
      model([table('api', 'base', 'postgres', ['a', 'b']), declared(child('leaf', 'base', ['a', 'b', 'x']))]),
      model([table('api', 'base', 'postgres', ['b', 'a']), declared(child('leaf', 'base', ['a', 'b', 'x']))]),
    );
    expect(s[at(s, 'CREATE TABLE api.leaf (')]).toBe(
      'CREATE TABLE api.leaf (\n  a integer,\n  b integer,\n  x integer\n)',
    );
    expect(at(s, 'ALTER TABLE api.leaf INHERIT api.base')).toBeGreaterThan(at(s, 'CREATE TABLE api.base ('));
  });

  it('names a child whose order only a later ADD COLUMN on its parent gives, and the parent it would follow', () => {
    // leaf (a, x, b): b was added to base after leaf was made; CREATE TABLE … INHERITS gives (b, a, x) under
    // base's new order, and leaf does not declare a or b to be made on its own.
    const m = diffModels(
      model([table('api', 'base', 'postgres', ['a', 'b']), child('leaf', 'base', ['a', 'x', 'b'])]),
      model([table('api', 'base', 'postgres', ['b', 'a']), child('leaf', 'base', ['a', 'x', 'b'])]),
    );
    expect(m.unwritable.map((u) => [u.object.name, u.reason])).toEqual([
      [
        'base',
        "its column order cannot be written: its child api.leaf cannot follow it: CREATE TABLE … INHERITS would give api.leaf (b, a, x), not (a, x, b), and it cannot be made on its own and then INHERIT: it only inherits a (an order a parent's ADD COLUMN after it was made leaves).",
      ],
    ]);
    expect(m.statements.some((s) => /RENAME|CREATE TABLE/.test(s.sql))).toBe(false);
  });
});
