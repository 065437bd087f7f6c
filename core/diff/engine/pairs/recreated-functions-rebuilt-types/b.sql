CREATE SCHEMA app;

CREATE FUNCTION app.ok(x integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT 1';
CREATE DOMAIN app.checked AS integer CHECK (app.ok(VALUE) = 1);
CREATE TABLE app.readings (v app.checked);

CREATE FUNCTION app.dbl(x integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT x * 2';
CREATE TABLE app.sized (
  id integer PRIMARY KEY,
  a integer,
  g bigint GENERATED ALWAYS AS (app.dbl(a)) STORED,
  note text
);
GRANT SELECT ON app.sized TO {{anon}};
CREATE VIEW app.sized_v AS SELECT id, g FROM app.sized;

CREATE FUNCTION app.gen(p text DEFAULT 'x') RETURNS text LANGUAGE sql AS 'SELECT p';
CREATE TABLE app.labelled (s text DEFAULT app.gen());

CREATE TYPE app.level AS ENUM ('low', 'high');
CREATE DOMAIN app.lvl AS app.level;
CREATE TYPE app.pair AS (l app.level, n integer);
CREATE TABLE app.graded (l app.lvl, p app.pair);

CREATE TYPE app.boxed AS (z bigint);
CREATE TABLE app.boxes (b app.boxed);
