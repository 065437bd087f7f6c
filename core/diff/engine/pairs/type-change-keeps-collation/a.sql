CREATE SCHEMA app;
CREATE COLLATION app.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE app.people (
  id integer,
  code varchar(10) COLLATE "C",
  email varchar(80) COLLATE app.nocase,
  city varchar(40) COLLATE "C"
);
INSERT INTO app.people VALUES (1, 'a1', 'Ann@example.org', 'Oslo');
