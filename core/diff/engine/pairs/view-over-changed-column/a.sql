CREATE SCHEMA api;
CREATE TABLE api.people (id integer PRIMARY KEY, age smallint, name text);
CREATE VIEW api.adults AS SELECT id, name, age FROM api.people WHERE age >= 18;
CREATE VIEW api.adult_names AS SELECT name FROM api.adults;
GRANT SELECT ON api.adults TO {{anon}};
