CREATE SCHEMA app;

-- A domain's check calls a function that is recreated (its return type changes): the check goes and comes back.
CREATE FUNCTION app.ok(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 1';
CREATE DOMAIN app.checked AS integer CHECK (app.ok(VALUE) = 1);
CREATE TABLE app.readings (v app.checked);
INSERT INTO app.readings VALUES (3);

-- A generated column calls a function that is recreated: the table is rebuilt with its rows, its view after.
CREATE FUNCTION app.dbl(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x * 2';
CREATE TABLE app.sized (
  id integer PRIMARY KEY,
  a integer,
  g bigint GENERATED ALWAYS AS (app.dbl(a)) STORED,
  note text
);
INSERT INTO app.sized (id, a, note) VALUES (1, 21, 'x');
GRANT SELECT ON app.sized TO {{anon}};
CREATE VIEW app.sized_v AS SELECT id, g FROM app.sized;

-- A default calls a function replaced by an overload of the same name: the old one goes before the new one comes.
CREATE FUNCTION app.gen() RETURNS text LANGUAGE sql AS 'SELECT ''x''';
CREATE TABLE app.labelled (s text DEFAULT app.gen());

-- A domain and a composite over an enum that loses a value: rebuilt, their old copies dropped before the enum's.
CREATE TYPE app.level AS ENUM ('low', 'high', 'gone');
CREATE DOMAIN app.lvl AS app.level;
CREATE TYPE app.pair AS (l app.level, n integer);
CREATE TABLE app.graded (l app.lvl, p app.pair);
INSERT INTO app.graded VALUES ('high', ROW('low', 2));

-- A composite whose attribute changes type while a column stores it: rebuilt, values kept.
CREATE TYPE app.boxed AS (z integer);
CREATE TABLE app.boxes (b app.boxed);
INSERT INTO app.boxes VALUES (ROW(5));
