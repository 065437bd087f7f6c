CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('calm', 'busy');

CREATE TABLE app.t (id serial, v text);
GRANT USAGE ON SEQUENCE app.t_id_seq TO {{anon}};

CREATE SEQUENCE app.down INCREMENT -1 MINVALUE -100 MAXVALUE -1 START -1;
CREATE SEQUENCE app.narrow MAXVALUE 100;
CREATE SEQUENCE app.kept MAXVALUE 100;

CREATE TABLE app.p (id integer PRIMARY KEY);
CREATE TABLE app.c (pid integer REFERENCES app.p);
CREATE UNLOGGED TABLE app.lp (id integer PRIMARY KEY);
CREATE UNLOGGED TABLE app.lc (pid integer REFERENCES app.lp);

CREATE FOREIGN DATA WRAPPER pair_fdw;
CREATE SERVER pair_files FOREIGN DATA WRAPPER pair_fdw;
CREATE FOREIGN TABLE app.ft (a bigint, m app.mood) SERVER pair_files;
