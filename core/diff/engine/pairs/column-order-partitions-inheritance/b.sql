CREATE SCHEMA app;
-- Column order of partitions and INHERITS children, rows kept: a partition takes its parent's order (detached,
-- rebuilt, attached again with its bound, its index and grant back); a partitioned table takes a new order, one
-- partition keeping the old (attached as it was made) and one taking the new; an INHERITS parent, its children and
-- a grandchild take a new order together.
CREATE TABLE app.kinds (w integer PRIMARY KEY);
INSERT INTO app.kinds VALUES (1), (2);
CREATE TABLE app.m (d integer NOT NULL, v text, w integer REFERENCES app.kinds, PRIMARY KEY (d)) PARTITION BY RANGE (d);
CREATE TABLE app.m1 PARTITION OF app.m FOR VALUES FROM (0) TO (10);
CREATE TABLE app.m2 PARTITION OF app.m FOR VALUES FROM (10) TO (20);
CREATE INDEX m_v ON app.m (v);
GRANT SELECT ON app.m2 TO {{anon}};
COMMENT ON COLUMN app.m2.v IS 'a value';
CREATE FUNCTION app.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER m_noop BEFORE INSERT ON app.m FOR EACH ROW EXECUTE FUNCTION app.noop();
INSERT INTO app.m VALUES (1, 'a', 1), (15, 'b', 2);
CREATE TABLE app.q (b text, k integer NOT NULL, a text, PRIMARY KEY (k, a)) PARTITION BY LIST (k);
CREATE TABLE app.q1 (k integer NOT NULL, a text NOT NULL, b text);
ALTER TABLE app.q ATTACH PARTITION app.q1 FOR VALUES IN (1);
CREATE TABLE app.q2 PARTITION OF app.q FOR VALUES IN (2);
CREATE TABLE app.q_ref (k integer, a text, FOREIGN KEY (k, a) REFERENCES app.q (k, a));
CREATE VIEW app.q_names AS SELECT k, a FROM app.q;
INSERT INTO app.q VALUES ('y', 1, 'x'), ('w', 2, 'z');
INSERT INTO app.q_ref VALUES (2, 'z');
CREATE TABLE app.base (created date DEFAULT '2024-01-01', id integer, CONSTRAINT id_pos CHECK (id > 0));
CREATE TABLE app.leaf (note text) INHERITS (app.base);
CREATE TABLE app.leaf2 (id integer, created date, extra integer) INHERITS (app.base);
CREATE TABLE app.deep (more text) INHERITS (app.leaf);
-- A child made on its own, then INHERITing: its order is its own and stays.
CREATE TABLE app.side (x integer, id integer, created date, CONSTRAINT id_pos CHECK (id > 0));
ALTER TABLE app.side INHERIT app.base;
CREATE VIEW app.everyone AS SELECT id, created FROM app.base;
GRANT SELECT ON app.leaf TO {{auth}};
INSERT INTO app.base VALUES ('2024-01-01', 1);
INSERT INTO app.leaf VALUES ('2024-01-02', 2, 'n');
INSERT INTO app.leaf2 VALUES ('2024-01-03', 3, 7);
INSERT INTO app.deep VALUES ('2024-01-04', 4, 'n4', 'm4');
INSERT INTO app.side VALUES (50, 5, '2024-01-05');
