CREATE SCHEMA app;
CREATE COLLATION app.gone (provider = libc, locale = 'C');
CREATE COLLATION app.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION app.loose (provider = icu, locale = 'de-u-ks-level1', deterministic = false);
CREATE COLLATION app.posix (lc_collate = 'C', lc_ctype = 'POSIX');
COMMENT ON COLLATION app.posix IS 'posix';
CREATE TABLE app.people (
  id integer,
  name text COLLATE app.gone,
  email text,
  nick text COLLATE app.loose,
  code text COLLATE "C"
);
CREATE VIEW app.nicks AS SELECT id, nick FROM app.people;
CREATE DOMAIN app.tag AS text;
INSERT INTO app.people VALUES (1, 'Ann', 'ann@example.org', 'annie', 'a1');
CREATE TYPE app.name_pair AS (first text, last text COLLATE "C");
