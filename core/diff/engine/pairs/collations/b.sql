CREATE SCHEMA app;
CREATE SCHEMA intl;
CREATE COLLATION app.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
-- Changed while a column (and a view over it) uses it: rebuilt around them.
CREATE COLLATION app.loose (provider = icu, locale = 'und-u-ks-level1', deterministic = false);
CREATE COLLATION app.posix (lc_collate = 'C', lc_ctype = 'POSIX');
ALTER COLLATION app.posix OWNER TO {{anon}};
COMMENT ON COLLATION app.posix IS 'posix order';
CREATE COLLATION intl.fr (provider = icu, locale = 'fr');
CREATE TABLE app.people (
  id integer,
  name text,
  email text COLLATE app.nocase,
  nick text COLLATE app.loose,
  code text COLLATE "POSIX",
  city text COLLATE intl.fr
);
CREATE VIEW app.nicks AS SELECT id, nick FROM app.people;
CREATE INDEX people_email_c ON app.people (email COLLATE "C");
CREATE INDEX people_name_fr ON app.people (name COLLATE intl.fr);
CREATE DOMAIN app.tag AS text COLLATE app.nocase;
CREATE DOMAIN intl.word AS text COLLATE intl.fr;
CREATE TABLE intl.words (w intl.word, t app.tag);
CREATE TYPE app.name_pair AS (first text COLLATE app.nocase, last text);
CREATE TYPE intl.label AS (v text COLLATE intl.fr, n integer);
