CREATE SCHEMA app;
CREATE TYPE app.pt AS (x integer, y text, w integer);
CREATE TYPE app.qt AS (x integer, y text);
CREATE TABLE app.t1 OF app.pt;
CREATE TABLE app.t2 (x integer, y text);
CREATE TABLE app.t3 OF app.pt (x WITH OPTIONS NOT NULL);
CREATE TABLE app.t4 OF app.pt;
INSERT INTO app.t1 VALUES (1, 'a', 2);
-- Attributes added and dropped under typed tables with rows, indexes and views: a view over a dropped attribute goes,
-- one over a kept one stays; an added attribute the table gives a default fills its rows with it (the table leaves
-- its type meanwhile: ADD ATTRIBUTE … CASCADE would leave them null, and NOT NULL refuse them).
CREATE TYPE app.ev AS (id integer, what text, old_note text);
CREATE TABLE app.events OF app.ev (PRIMARY KEY (id));
CREATE INDEX events_what ON app.events (what);
CREATE VIEW app.event_notes AS SELECT id, old_note FROM app.events;
CREATE VIEW app.event_whats AS SELECT id, what FROM app.events;
CREATE TABLE app.other_events OF app.ev;
INSERT INTO app.events VALUES (1, 'w', 'n');
INSERT INTO app.other_events VALUES (1, 'w', 'n');
