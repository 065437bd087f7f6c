CREATE SCHEMA app;
CREATE EXTENSION hstore WITH SCHEMA app;
CREATE TYPE app.kind AS ENUM ('a', 'b');
CREATE TABLE app.t (id integer PRIMARY KEY, h app.hstore, k app.kind DEFAULT 'a');
INSERT INTO app.t VALUES (1, 'x=>1', 'b');
