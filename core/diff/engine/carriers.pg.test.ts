import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../shared/model/catalog.js';
import { createTempDatabase, newestServerOnly, superuserQuery, type TestServer } from '../../../test/pg.js';
import { readModel } from '../../ddl/testing/run.js';
import { diffModels } from './diff-models.js';

// A difference without a statement of its own is attached to the statements that make it (linkCarriers): the
// review shows them, and ticking it out leaves them out. Which statements carry what does not depend on the
// server's version; the pairs check on every major that no change is left without one.

async function models(server: TestServer, a: string, b: string): Promise<[Catalog, Catalog]> {
  const [da, db] = [
    await createTempDatabase(server, 'gh_carry_a'),
    await createTempDatabase(server, 'gh_carry_b'),
  ];
  try {
    await superuserQuery(server, a, da.name);
    await superuserQuery(server, b, db.name);
    return [await readModel(da.uri), await readModel(db.uri)];
  } finally {
    await da.drop();
    await db.drop();
  }
}

describe.each(newestServerOnly())('changes written by other changes on $label', (server) => {
  let range: [Catalog, Catalog];
  let stats: [Catalog, Catalog];
  let inheritance: [Catalog, Catalog];

  beforeAll(async () => {
    range = await models(
      server,
      'CREATE SCHEMA app; CREATE TYPE app.tr AS RANGE (subtype = time);',
      'CREATE SCHEMA app;',
    );
    stats = await models(
      server,
      'CREATE SCHEMA app; CREATE TABLE app.clients (city text, region text); CREATE STATISTICS app.geo ON city, region FROM app.clients;',
      'CREATE SCHEMA app; CREATE TABLE app.customers (city text, region text); CREATE STATISTICS app.geo ON city, region FROM app.customers;',
    );
    inheritance = await models(
      server,
      `CREATE SCHEMA app;
       CREATE TABLE app.p (id integer, CONSTRAINT pos CHECK (id > 0));
       CREATE TABLE app.k (note text) INHERITS (app.p);`,
      `CREATE SCHEMA app;
       CREATE TABLE app.p (id integer, CONSTRAINT pos CHECK (id > 1));
       CREATE TABLE app.k (note text) INHERITS (app.p);`,
    );
  });

  it('a multirange dropped with its range is carried by DROP TYPE, and cannot be left out alone', () => {
    const m = diffModels(...range);
    const multi = m.changes.find((c) => c.id === 'type:drop:app.tr_multirange');
    expect(multi?.because).toBe('written by: drop range type app.tr');
    expect(multi?.requires).toEqual(['type:drop:app.tr']);
    expect(
      m.statements.filter((s) => s.changeIds.includes('type:drop:app.tr_multirange')).map((s) => s.sql),
    ).toEqual(['DROP TYPE app.tr']);
    // The statement is the range's own: leaving the multirange out leaves the range's drop out with it.
    const out = diffModels(...range, { skip: ['type:drop:app.tr_multirange'] });
    expect(out.statements).toEqual([]);
    expect(out.skipped).toEqual([
      { id: 'type:drop:app.tr_multirange', because: 'ticked out' },
      { id: 'type:drop:app.tr', because: 'requires type:drop:app.tr_multirange, which is left out' },
    ]);
  });

  it('statistics written under a new table are its own statements: left out, the table stays', () => {
    const m = diffModels(...stats);
    const geo = m.changes.find((c) => c.kind === 'statistics');
    expect(geo?.because).toBe('written by: create table app.customers');
    const own = m.statements
      .filter((s) => geo !== undefined && s.changeIds.includes(geo.id))
      .map((s) => s.sql);
    expect(own[0]).toMatch(/^CREATE STATISTICS app\.geo /);
    const out = diffModels(...stats, { skip: [geo?.id ?? ''] });
    const sqls = out.statements.map((s) => s.sql);
    expect(sqls.some((s) => s.startsWith('CREATE TABLE app.customers'))).toBe(true);
    expect(sqls.some((s) => s.includes('STATISTICS'))).toBe(false);
    expect(out.skipped.map((s) => s.id)).toEqual([geo?.id]);
  });

  it("an INHERITS child's copy of a changed check is left to the parent's statements", () => {
    const sqls = diffModels(...inheritance).statements.map((s) => s.sql);
    expect(sqls).toEqual([
      'ALTER TABLE app.p DROP CONSTRAINT pos',
      'ALTER TABLE app.p ADD CONSTRAINT pos CHECK ((id > 1))',
    ]);
    const k = inheritance[1].relations.find((r) => r.name === 'k');
    expect(k?.constraints.map((c) => [c.name, c.local])).toEqual([['pos', false]]);
  });
});
