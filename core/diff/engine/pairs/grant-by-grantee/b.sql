CREATE SCHEMA api;
CREATE TABLE api.notes (id integer PRIMARY KEY, body text);
-- A grant made by a grantee holding the grant option (grantor {{auth}}): it needs USAGE on the schema first.
GRANT USAGE ON SCHEMA api TO {{auth}};
GRANT SELECT ON api.notes TO {{auth}} WITH GRANT OPTION;
SET ROLE {{auth}};
GRANT SELECT ON api.notes TO {{anon}};
RESET ROLE;
