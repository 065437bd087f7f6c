CREATE SCHEMA app;
-- The parent's check changes: its children's copies follow it (their own DROP is refused).
CREATE TABLE app.p (id integer, CONSTRAINT pos CHECK (id > 1));
CREATE TABLE app.k (note text) INHERITS (app.p);
-- A child's own check changes on the child.
CREATE TABLE app.k_own (x integer, CONSTRAINT x_pos CHECK (x > 1)) INHERITS (app.p);
-- A new child: its copy comes with INHERITS, not declared on it.
CREATE TABLE app.k_new (z integer) INHERITS (app.p);
-- Taken out of INHERITS: the copy it had stays, as its own.
CREATE TABLE app.k_out (id integer, y integer, CONSTRAINT pos CHECK (id > 0));
CREATE TABLE app.e (at integer, CONSTRAINT at_pos CHECK (at > 1)) PARTITION BY RANGE (at);
CREATE TABLE app.e1 PARTITION OF app.e FOR VALUES FROM (1) TO (100);
-- Detached: keeps the check it had, as its own.
CREATE TABLE app.e2 (at integer, CONSTRAINT at_pos CHECK (at > 0));
INSERT INTO app.k VALUES (5, 'five');
INSERT INTO app.k_out VALUES (6, 60);
INSERT INTO app.e VALUES (7);
INSERT INTO app.e2 VALUES (150);
