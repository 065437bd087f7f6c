-- A column retyped under two views: only the one that uses it is dropped and recreated (pg_depend names the
-- columns each view uses); the other keeps its OID, which check.sql proves with the OID noted here.
CREATE SCHEMA api;
CREATE TABLE api.items (id integer PRIMARY KEY, code varchar(10), note text);
CREATE VIEW api.item_codes AS SELECT id, code FROM api.items;
CREATE VIEW api.item_notes AS SELECT id, note FROM api.items;
CREATE TABLE api.kept (view_oid oid);
INSERT INTO api.kept SELECT 'api.item_notes'::regclass::oid;
