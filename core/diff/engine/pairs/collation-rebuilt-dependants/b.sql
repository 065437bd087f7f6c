CREATE SCHEMA app;
-- The collation changes while domains, a composite type, a range, an index, a check, a policy, a view,
-- columns (some with their storage and compression), a partition and an inheritance child use it: all moved onto the new one.
CREATE COLLATION app.loose (provider = icu, locale = 'und-u-ks-level1', deterministic = false);
CREATE DOMAIN app.word AS text COLLATE app.loose;
CREATE TYPE app.pair AS (a text COLLATE app.loose, b integer);
CREATE TYPE app.span AS RANGE (subtype = text, collation = app.loose);
CREATE TABLE app.people (
  id integer,
  nick text COLLATE app.loose,
  email text COLLATE "C",
  w app.word,
  CONSTRAINT email_not_x CHECK ((email COLLATE app.loose) <> 'x')
);
ALTER TABLE app.people ALTER COLUMN nick SET STORAGE external;
ALTER TABLE app.people ALTER COLUMN nick SET COMPRESSION pglz;
CREATE INDEX people_email_loose ON app.people (email COLLATE app.loose);
CREATE TABLE app.staff (desk text) INHERITS (app.people);
ALTER TABLE app.staff ALTER COLUMN nick SET STORAGE main;
CREATE TABLE app.notes (body text COLLATE app.loose);
ALTER TABLE app.notes ALTER COLUMN body SET STORAGE external;
CREATE TABLE app.events (at date, tag text COLLATE app.loose) PARTITION BY RANGE (at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.slots (s app.span, p app.pair);
CREATE VIEW app.shouts AS SELECT id, upper(email COLLATE app.loose) AS e FROM app.people;
ALTER TABLE app.people ENABLE ROW LEVEL SECURITY;
CREATE POLICY not_bob ON app.people USING ((email COLLATE app.loose) <> 'bob');
