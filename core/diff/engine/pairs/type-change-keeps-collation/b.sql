CREATE SCHEMA app;
CREATE COLLATION app.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
-- Each column changes type and keeps its collation (built-in and user): ALTER TYPE alone would take the new
-- type's default collation.
CREATE TABLE app.people (
  id integer,
  code text COLLATE "C",
  email varchar(120) COLLATE app.nocase,
  city text COLLATE app.nocase
);
