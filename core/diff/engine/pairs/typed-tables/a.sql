CREATE SCHEMA app;
CREATE TYPE app.pt AS (x integer, y text, w integer);
CREATE TYPE app.qt AS (x integer, y text);
CREATE TABLE app.t1 OF app.pt;
CREATE TABLE app.t2 (x integer, y text);
CREATE TABLE app.t3 OF app.pt (x WITH OPTIONS NOT NULL);
CREATE TABLE app.t4 OF app.pt;
INSERT INTO app.t1 VALUES (1, 'a', 2);
