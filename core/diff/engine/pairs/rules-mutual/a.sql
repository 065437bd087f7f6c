CREATE SCHEMA app;
-- Dropped: two tables whose rules name each other, a table whose rule names a view over it.
CREATE TABLE app.a (id integer);
CREATE TABLE app.b (id integer);
CREATE RULE a_b AS ON INSERT TO app.a DO ALSO INSERT INTO app.b VALUES (new.id);
CREATE RULE b_a AS ON DELETE TO app.b DO ALSO DELETE FROM app.a WHERE id = old.id;
CREATE TABLE app.t (id integer);
CREATE VIEW app.v AS SELECT id FROM app.t;
CREATE RULE t_v AS ON UPDATE TO app.t DO ALSO DELETE FROM app.v WHERE id = old.id;
-- A table that stays loses its rule naming a dropped table whose rule names it.
CREATE TABLE app.x (id integer);
CREATE TABLE app.y (id integer);
CREATE RULE x_y AS ON INSERT TO app.x DO ALSO INSERT INTO app.y VALUES (new.id);
CREATE RULE y_x AS ON INSERT TO app.y DO ALSO DELETE FROM app.x WHERE id = new.id;
-- Rebuilt for their column order, rows kept: their old copies' rules name each other.
CREATE TABLE app.r1 (id integer, n integer);
CREATE TABLE app.r2 (id integer, n integer);
CREATE RULE r1_r2 AS ON INSERT TO app.r1 DO ALSO INSERT INTO app.r2 (id, n) VALUES (new.id, new.n);
CREATE RULE r2_r1 AS ON DELETE TO app.r2 DO ALSO DELETE FROM app.r1 WHERE id = old.id;
INSERT INTO app.r1 VALUES (1, 10);
