CREATE SCHEMA app;
CREATE SCHEMA intl;
CREATE COLLATION app.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION intl.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE app.people (id integer, name text COLLATE app.ci);
CREATE VIEW app.names AS SELECT id, name FROM app.people;
INSERT INTO app.people VALUES (1, 'Ann');
