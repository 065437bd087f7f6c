import { describe, expect, it } from 'vitest';
import { pgServers } from '../../../test/pg.js';
import { migrate } from './testing/migrate.js';

// From PostgreSQL 18 a column's NOT NULL is a constraint with a name, NOT VALID and NO INHERIT of its own (syntax
// errors before), and from 17 a domain's NOT NULL has a name: no pair, which runs on every major. This runs the
// pairs' procedure (diff, apply to A, A equals B through the model, and through pg_dump where one is at hand).

const TABLES_A = `CREATE SCHEMA app;
CREATE TABLE app.t (id int, a int, c int NOT NULL, e int NOT NULL, f int NOT NULL);
ALTER TABLE app.t ADD CONSTRAINT t_id_nn NOT NULL id;
CREATE TABLE app.p (id int CONSTRAINT p_nn NOT NULL NO INHERIT);
CREATE TABLE app.par (a int CONSTRAINT par_a_nn NOT NULL, b int);
CREATE TABLE app.ch (c int) INHERITS (app.par);
CREATE TABLE app.pt (a int NOT NULL, k int) PARTITION BY LIST (k);
CREATE TABLE app.pt1 PARTITION OF app.pt FOR VALUES IN (1);
CREATE TABLE app.typo (id int NOT NULL, nam text NOT NULL);
INSERT INTO app.t VALUES (1, 1, 1, 1, 1);
INSERT INTO app.typo VALUES (1, 'x');`;

// Renamed, made NOT VALID, validated, NO INHERIT set and unset; a parent's renamed along with its child's and its
// partition's copies; a new table with a named and a NOT VALID one; a column renamed (--renames) keeps its
// constraint's old name in PostgreSQL, which is renamed after it.
const TABLES_B = `CREATE SCHEMA app;
CREATE TABLE app.t (id int, a int, c int, e int, f int);
ALTER TABLE app.t ADD CONSTRAINT t_id_required NOT NULL id;
ALTER TABLE app.t ADD CONSTRAINT t_a_nn NOT NULL a NOT VALID;
ALTER TABLE app.t ADD CONSTRAINT t_c_nn NOT NULL c NOT VALID;
ALTER TABLE app.t ADD CONSTRAINT t_e_nn NOT NULL e NO INHERIT;
ALTER TABLE app.t ADD CONSTRAINT t_f_not_null NOT NULL f;
CREATE TABLE app.p (id int CONSTRAINT p_nn NOT NULL);
CREATE TABLE app.par (a int CONSTRAINT par_a_renamed NOT NULL, b int);
CREATE TABLE app.ch (c int) INHERITS (app.par);
CREATE TABLE app.pt (a int CONSTRAINT pt_a_key NOT NULL, k int) PARTITION BY LIST (k);
CREATE TABLE app.pt1 PARTITION OF app.pt FOR VALUES IN (1);
CREATE TABLE app.n (id int CONSTRAINT n_own NOT NULL, v int);
ALTER TABLE app.n ADD CONSTRAINT n_v_nv NOT NULL v NOT VALID;
CREATE TABLE app.typo (id int NOT NULL, name text NOT NULL);
INSERT INTO app.t VALUES (1, 1, 1, 1, 1);
INSERT INTO app.typo VALUES (1, 'x');`;

const DOMAINS_A = `CREATE SCHEMA app;
CREATE DOMAIN app.d AS int;
CREATE DOMAIN app.e AS text CONSTRAINT e_nn NOT NULL;
COMMENT ON CONSTRAINT e_nn ON DOMAIN app.e IS 'required';`;

const DOMAINS_B = `CREATE SCHEMA app;
CREATE DOMAIN app.d AS int CONSTRAINT d_nn NOT NULL CHECK (VALUE > 0);
CREATE DOMAIN app.e AS text CONSTRAINT e_required NOT NULL;
COMMENT ON CONSTRAINT e_required ON DOMAIN app.e IS 'required';
CREATE DOMAIN app.f AS text CONSTRAINT f_nn NOT NULL;`;

// Before 18 (17 for domains) NOT NULL is a flag of the column (domain) alone: the same migrations keep to SET NOT
// NULL there, and the model holds no constraint.
const FLAG_A = `CREATE SCHEMA app;
CREATE TABLE app.t (id int, a int NOT NULL);
CREATE DOMAIN app.d AS int;`;
const FLAG_B = `CREATE SCHEMA app;
CREATE TABLE app.t (id int NOT NULL, a int);
CREATE TABLE app.n (id int NOT NULL);
CREATE DOMAIN app.d AS int NOT NULL;`;

describe.each(pgServers())('NOT NULL constraints on $label', (server) => {
  if (server.major >= 18)
    it('of tables are renamed, made NOT VALID, validated and set NO INHERIT', async () => {
      const sql = await migrate(server, TABLES_A, TABLES_B, { renames: 'all' });
      expect(sql).toEqual(
        expect.arrayContaining([
          'ALTER TABLE app.t RENAME CONSTRAINT t_id_nn TO t_id_required',
          'ALTER TABLE app.t ADD CONSTRAINT t_a_nn NOT NULL a NOT VALID',
          'ALTER TABLE app.t ALTER COLUMN c DROP NOT NULL',
          'ALTER TABLE app.t ADD CONSTRAINT t_c_nn NOT NULL c NOT VALID',
          'ALTER TABLE app.t ALTER CONSTRAINT t_e_nn NO INHERIT',
          'ALTER TABLE app.p ALTER CONSTRAINT p_nn INHERIT',
          // The parent's alone: its child's and its partition's copies follow (their own RENAME is refused).
          'ALTER TABLE app.par RENAME CONSTRAINT par_a_nn TO par_a_renamed',
          'ALTER TABLE app.pt RENAME CONSTRAINT pt_a_not_null TO pt_a_key',
          'ALTER TABLE app.n ADD CONSTRAINT n_v_nv NOT NULL v NOT VALID',
          'ALTER TABLE app.typo RENAME COLUMN nam TO name',
          'ALTER TABLE app.typo RENAME CONSTRAINT typo_nam_not_null TO typo_name_not_null',
        ]),
      );
      expect(sql.find((s) => s.startsWith('CREATE TABLE app.n'))).toContain(
        'id integer CONSTRAINT n_own NOT NULL,',
      );
      expect(sql.filter((s) => / RENAME CONSTRAINT .* TO (t_f_not_null|t_c_nn)$/.test(s))).toEqual([]);
      // And back: validated, renamed to the names PostgreSQL gives.
      const back = await migrate(server, TABLES_B, TABLES_A, { renames: 'all' });
      expect(back).toContain('ALTER TABLE app.t VALIDATE CONSTRAINT t_c_not_null');
    });
  if (server.major >= 18)
    it('of a partition are its own when it was made on its own: detached, renamed and attached again', async () => {
      const parent = `CREATE SCHEMA app;
CREATE TABLE app.m (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);`;
      const made = `${parent}
CREATE TABLE app.m1 PARTITION OF app.m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
INSERT INTO app.m VALUES (1, '2024-05-01');`;
      const attached = `${parent}
CREATE TABLE app.m1 (id int CONSTRAINT m1_id_nn NOT NULL, at date NOT NULL);
ALTER TABLE app.m ATTACH PARTITION app.m1 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');`;
      // An inherited NOT NULL cannot be renamed: detached, it is the table's own, and ATTACH keeps its name.
      expect(await migrate(server, made, attached)).toEqual([
        'ALTER TABLE app.m DETACH PARTITION app.m1',
        'ALTER TABLE app.m1 RENAME CONSTRAINT m_id_not_null TO m1_id_nn',
        'ALTER TABLE app.m1 RENAME CONSTRAINT m_at_not_null TO m1_at_not_null',
        "ALTER TABLE app.m ATTACH PARTITION app.m1 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
      ]);
      expect(await migrate(server, attached, made)).toContain(
        'ALTER TABLE app.m1 RENAME CONSTRAINT m1_id_nn TO m_id_not_null',
      );
    });
  if (server.major < 18)
    it('of tables are a column flag before 18: SET NOT NULL', async () => {
      const sql = await migrate(server, FLAG_A, FLAG_B);
      expect(sql).toEqual(
        expect.arrayContaining([
          'ALTER TABLE app.t ALTER COLUMN id SET NOT NULL',
          'ALTER TABLE app.t ALTER COLUMN a DROP NOT NULL',
        ]),
      );
      expect(sql.find((s) => s.startsWith('CREATE TABLE app.n'))).toContain('id integer NOT NULL');
      expect(sql.filter((s) => /TABLE/.test(s) && s.includes('CONSTRAINT'))).toEqual([]);
    });
  if (server.major >= 17)
    it('of domains are named, and renamed with their comment', async () => {
      const sql = await migrate(server, DOMAINS_A, DOMAINS_B);
      expect(sql).toEqual(
        expect.arrayContaining([
          'ALTER DOMAIN app.d ADD CONSTRAINT d_nn NOT NULL',
          'ALTER DOMAIN app.e RENAME CONSTRAINT e_nn TO e_required',
        ]),
      );
      expect(sql.filter((s) => s.startsWith('COMMENT ON CONSTRAINT'))).toEqual([]);
      expect((await migrate(server, DOMAINS_B, DOMAINS_A)).join('\n')).toContain('DROP NOT NULL');
    });
  else
    it('of domains are a flag before 17: SET NOT NULL', async () => {
      expect(await migrate(server, FLAG_A, FLAG_B)).toContain('ALTER DOMAIN app.d SET NOT NULL');
    });
});
