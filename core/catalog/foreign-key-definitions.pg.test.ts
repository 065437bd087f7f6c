import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../shared/model/catalog.js';
import { createTempDatabase, pgServers, superuserQuery, type TempDatabase } from '../../test/pg.js';
import { readModel } from '../ddl/testing/run.js';

// The reader spells plain foreign keys itself (pg_get_constraintdef is the slowest deparser it calls) and leaves
// the rest to the server: every form below must read exactly as the server writes it, whichever spells it.
describe.each(pgServers())('foreign key definitions ($label)', (server) => {
  let db: TempDatabase;
  let model: Catalog;

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_fkdef');
    const setNullColumns = server.major >= 15 ? ' (y)' : '';
    const notEnforced =
      server.major >= 18
        ? `ALTER TABLE "Fk Schema".child ADD CONSTRAINT not_enforced FOREIGN KEY (x) REFERENCES other.parent (a) NOT ENFORCED;`
        : '';
    await superuserQuery(
      server,
      `CREATE SCHEMA other;
       CREATE SCHEMA "Fk Schema";
       CREATE TABLE other.parent (a int, b int, "select" int, "Mixed Case" text, PRIMARY KEY (a, b),
         UNIQUE ("select"), UNIQUE ("Mixed Case"), UNIQUE (a));
       CREATE TABLE "Fk Schema"."Parent Table" (id int PRIMARY KEY, "user" int UNIQUE);
       CREATE TABLE "Fk Schema".child (
         id int PRIMARY KEY, x int, y int, "select" int, "Mixed Case" text, self int,
         CONSTRAINT plain FOREIGN KEY (x) REFERENCES other.parent (a),
         CONSTRAINT two FOREIGN KEY (x, y) REFERENCES other.parent (a, b) MATCH FULL ON UPDATE CASCADE ON DELETE RESTRICT,
         CONSTRAINT keyword FOREIGN KEY ("select") REFERENCES other.parent ("select") ON UPDATE SET NULL DEFERRABLE,
         CONSTRAINT deferred FOREIGN KEY ("Mixed Case") REFERENCES other.parent ("Mixed Case")
           DEFERRABLE INITIALLY DEFERRED,
         CONSTRAINT quoted FOREIGN KEY (y) REFERENCES "Fk Schema"."Parent Table" (id) ON UPDATE SET DEFAULT,
         CONSTRAINT "self ref" FOREIGN KEY (self) REFERENCES "Fk Schema".child (id) ON DELETE CASCADE,
         CONSTRAINT set_null FOREIGN KEY (x, y) REFERENCES other.parent (a, b) ON DELETE SET NULL${setNullColumns},
         CONSTRAINT set_default FOREIGN KEY (y) REFERENCES "Fk Schema"."Parent Table" ("user") ON DELETE SET DEFAULT
       );
       ALTER TABLE "Fk Schema".child ADD CONSTRAINT not_valid FOREIGN KEY (y) REFERENCES other.parent (a) NOT VALID;
       ${notEnforced}`,
      db.name,
    );
    model = await readModel(db.uri);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('reads every foreign key as pg_get_constraintdef writes it', async () => {
    const server_ = (await superuserQuery(
      server,
      `SELECT pg_catalog.set_config('search_path', '', false);
         SELECT con.conname AS name, pg_catalog.pg_get_constraintdef(con.oid) AS definition
         FROM pg_catalog.pg_constraint con
         WHERE con.conrelid = '"Fk Schema".child'::regclass AND con.contype = 'f'
         ORDER BY 1`,
      db.name,
    )) as unknown as pg.QueryResult[];
    const expected = (server_[1]?.rows ?? []) as { name: string; definition: string }[];
    const child = model.relations.find((r) => r.schema === 'Fk Schema' && r.name === 'child');
    const actual = (child?.constraints ?? [])
      .filter((c) => c.kind === 'foreign_key')
      .map((c) => ({ name: c.name, definition: c.definition }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    expect(actual).toEqual(expected);
    expect(actual.length).toBe(server.major >= 18 ? 10 : 9);
    expect(actual.find((c) => c.name === 'two')?.definition).toBe(
      'FOREIGN KEY (x, y) REFERENCES other.parent(a, b) MATCH FULL ON UPDATE CASCADE ON DELETE RESTRICT',
    );
    expect(actual.find((c) => c.name === 'keyword')?.definition).toBe(
      'FOREIGN KEY ("select") REFERENCES other.parent("select") ON UPDATE SET NULL DEFERRABLE',
    );
  });
});
