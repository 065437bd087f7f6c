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
CREATE TYPE app.ev AS (id integer, what text, at date);
CREATE TABLE app.events OF app.ev (PRIMARY KEY (id), at WITH OPTIONS DEFAULT '2020-01-01' NOT NULL);
CREATE INDEX events_what ON app.events (what);
CREATE INDEX events_at ON app.events (at);
CREATE VIEW app.event_whats AS SELECT id, what FROM app.events;
CREATE VIEW app.event_ats AS SELECT id, at FROM app.events;
CREATE TABLE app.other_events OF app.ev;
