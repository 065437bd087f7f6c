import { describe, expect, it } from 'vitest';
import { pgServers } from '../../../test/pg.js';
import { readModel, runScript } from '../../ddl/testing/run.js';
import { diffModels } from './diff-models.js';
import { migrate, withPair } from './testing/migrate.js';

// INHERITS children gained, lost and kept while their parent adds and drops a column. Dropped with the parent, a
// column the child only inherits is not dropped again; a table that INHERITs gets its parent's checks first. A
// check the table then holds as its own and as its parent's cannot become the parent's copy alone (no ALTER does
// it): that one difference is named as not written, never a DROP that PostgreSQL refuses.

const PARENT_ONLY = `CREATE SCHEMA app;
CREATE TABLE app.p (id int NOT NULL, v text CHECK (v <> ''));
CREATE TABLE app.c1 (extra int) INHERITS (app.p);
CREATE TABLE app.c2 (id int NOT NULL, v text CONSTRAINT p_v_check CHECK (v <> ''), extra int);
CREATE TABLE app.c3 (w int) INHERITS (app.p);
INSERT INTO app.c1 VALUES (1, 'a', 1);
INSERT INTO app.c2 VALUES (2, 'b', 2);
INSERT INTO app.c3 VALUES (3, 'c', 3);`;

const WITH_Z = `CREATE SCHEMA app;
CREATE TABLE app.p (id int NOT NULL, v text CHECK (v <> ''), z int DEFAULT 3);
CREATE TABLE app.c1 (extra int) INHERITS (app.p);
CREATE TABLE app.c2 (id int NOT NULL, v text CONSTRAINT p_v_check CHECK (v <> ''), z int DEFAULT 3, extra int);
ALTER TABLE app.c2 INHERIT app.p;
CREATE TABLE app.c3 (id int NOT NULL, v text CONSTRAINT c3_v_check CHECK (v <> ''), z int DEFAULT 3, w int);
INSERT INTO app.c1 VALUES (1, 'a', 3, 1);
INSERT INTO app.c2 VALUES (2, 'b', 3, 2);
INSERT INTO app.c3 VALUES (3, 'c', 3, 3);`;

describe.each(pgServers())('INHERITS children on $label', (server) => {
  it('follow a parent that adds a column: rebuilt in its order, rows kept', async () => {
    const sql = await migrate(server, PARENT_ONLY, WITH_Z);
    expect(sql).toContain('ALTER TABLE app.p ADD COLUMN z integer DEFAULT (3)');
  });

  it('lose a column with their parent, and a table that INHERITs gets the checks first', () =>
    withPair(server, WITH_Z, PARENT_ONLY, async (a, b) => {
      const target = await readModel(b.uri);
      const migration = diffModels(await readModel(a.uri), target);
      const sql = migration.statements.map((s) => s.sql);
      // c1 only inherits z: the parent's DROP COLUMN takes it.
      expect(sql).not.toContain('ALTER TABLE app.c1 DROP COLUMN z');
      expect(sql.indexOf("ALTER TABLE app.c3 ADD CONSTRAINT p_v_check CHECK ((v <> ''::text))")).toBeLessThan(
        sql.indexOf('ALTER TABLE app.c3 INHERIT app.p'),
      );
      await runScript(a.uri, sql.map((s) => `${s};`).join('\n'));
      const again = diffModels(await readModel(a.uri), target);
      expect(again.statements).toEqual([]);
      expect(again.unwritable.map((u) => u.object)).toEqual([
        { kind: 'constraint', schema: 'app', name: 'c3', member: 'p_v_check' },
      ]);
    }));
});
