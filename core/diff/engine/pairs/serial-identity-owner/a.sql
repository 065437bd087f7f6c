CREATE SCHEMA app;
CREATE TABLE app.t (id serial PRIMARY KEY, v text);
CREATE TABLE app.u (id serial PRIMARY KEY, v text);
INSERT INTO app.t (v) VALUES ('a'), ('b');
