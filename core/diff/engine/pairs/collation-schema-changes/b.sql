CREATE SCHEMA app;
CREATE SCHEMA intl;
CREATE COLLATION app.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION intl.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
-- Same type, a collation of the same name in another schema: still a retyped column, the view over it goes
-- around the ALTER.
CREATE TABLE app.people (id integer, name text COLLATE intl.ci);
CREATE VIEW app.names AS SELECT id, name FROM app.people;
