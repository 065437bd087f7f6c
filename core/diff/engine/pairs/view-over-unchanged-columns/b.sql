CREATE SCHEMA api;
CREATE TABLE api.items (id integer PRIMARY KEY, code varchar(64), note text);
CREATE VIEW api.item_codes AS SELECT id, code FROM api.items;
CREATE VIEW api.item_notes AS SELECT id, note FROM api.items;
CREATE TABLE api.kept (view_oid oid);
