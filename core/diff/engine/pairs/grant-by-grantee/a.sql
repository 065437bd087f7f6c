CREATE SCHEMA api;
CREATE TABLE api.notes (id integer PRIMARY KEY, body text);
