CREATE SCHEMA app;
-- A partition attached with an order of its own.
CREATE TABLE app.kinds (w integer PRIMARY KEY);
INSERT INTO app.kinds VALUES (1), (2);
CREATE TABLE app.m (d integer NOT NULL, v text, w integer REFERENCES app.kinds, PRIMARY KEY (d)) PARTITION BY RANGE (d);
CREATE TABLE app.m1 PARTITION OF app.m FOR VALUES FROM (0) TO (10);
CREATE TABLE app.m2 (w integer, v text, d integer NOT NULL);
ALTER TABLE app.m ATTACH PARTITION app.m2 FOR VALUES FROM (10) TO (20);
CREATE INDEX m_v ON app.m (v);
GRANT SELECT ON app.m2 TO {{anon}};
COMMENT ON COLUMN app.m2.v IS 'a value';
CREATE FUNCTION app.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER m_noop BEFORE INSERT ON app.m FOR EACH ROW EXECUTE FUNCTION app.noop();
INSERT INTO app.m VALUES (1, 'a', 1), (15, 'b', 2);
-- A partitioned table and its partitions in one order.
CREATE TABLE app.q (k integer NOT NULL, a text, b text, PRIMARY KEY (k, a)) PARTITION BY LIST (k);
CREATE TABLE app.q1 PARTITION OF app.q FOR VALUES IN (1);
CREATE TABLE app.q2 PARTITION OF app.q FOR VALUES IN (2);
CREATE TABLE app.q_ref (k integer, a text, FOREIGN KEY (k, a) REFERENCES app.q (k, a));
CREATE VIEW app.q_names AS SELECT k, a FROM app.q;
INSERT INTO app.q VALUES (1, 'x', 'y'), (2, 'z', 'w');
INSERT INTO app.q_ref VALUES (2, 'z');
-- An INHERITS parent, its children (one declaring the inherited columns too) and a grandchild.
CREATE TABLE app.base (id integer, created date DEFAULT '2024-01-01', CONSTRAINT id_pos CHECK (id > 0));
CREATE TABLE app.leaf (note text) INHERITS (app.base);
CREATE TABLE app.leaf2 (id integer, created date, extra integer) INHERITS (app.base);
CREATE TABLE app.deep (more text) INHERITS (app.leaf);
CREATE TABLE app.side (x integer, id integer, created date, CONSTRAINT id_pos CHECK (id > 0));
ALTER TABLE app.side INHERIT app.base;
CREATE VIEW app.everyone AS SELECT id, created FROM app.base;
GRANT SELECT ON app.leaf TO {{auth}};
INSERT INTO app.base VALUES (1, '2024-01-01');
INSERT INTO app.leaf VALUES (2, '2024-01-02', 'n');
INSERT INTO app.leaf2 VALUES (3, '2024-01-03', 7);
INSERT INTO app.deep VALUES (4, '2024-01-04', 'n4', 'm4');
INSERT INTO app.side VALUES (50, 5, '2024-01-05');
