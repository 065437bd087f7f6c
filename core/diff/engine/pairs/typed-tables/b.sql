CREATE SCHEMA app;
-- Typed tables (CREATE TABLE … OF type): made with their column options, made typed (OF) or not (NOT OF), and
-- following their type's ADD / ALTER / DROP ATTRIBUTE (CASCADE), their own column options set after.
CREATE TYPE app.pt AS (x integer, y character varying(20), z bigint);
CREATE TYPE app.qt AS (x integer, y text);
CREATE TABLE app.t1 OF app.pt (z WITH OPTIONS DEFAULT 0);
CREATE TABLE app.t2 OF app.qt;
CREATE TABLE app.t3 OF app.pt (x WITH OPTIONS DEFAULT 7 NOT NULL, PRIMARY KEY (x));
CREATE TABLE app.t4 (x integer, y character varying(20), z bigint);
CREATE TABLE app.t5 OF app.qt (y WITH OPTIONS DEFAULT 'v' NOT NULL);
CREATE TABLE app.t6 OF app.qt;
INSERT INTO app.t1 VALUES (1, 'a', 0);
