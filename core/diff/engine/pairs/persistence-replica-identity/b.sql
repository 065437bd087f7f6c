CREATE SCHEMA app;
-- UNLOGGED and REPLICA IDENTITY (what logical replication, Realtime among it, sends of a row), changed on tables
-- that stay and written for new ones; an identity index that is remade is set again.
CREATE UNLOGGED TABLE app.t1 (id integer PRIMARY KEY, v text);
CREATE TABLE app.t2 (id integer NOT NULL, v text);
CREATE UNIQUE INDEX t2_key ON app.t2 (id);
ALTER TABLE app.t2 REPLICA IDENTITY USING INDEX t2_key;
CREATE TABLE app.t3 (id integer);
CREATE TABLE app.t4 (id integer);
CREATE UNLOGGED TABLE app.t5 (id integer);
ALTER TABLE app.t5 REPLICA IDENTITY FULL;
CREATE TABLE app.t6 (id integer NOT NULL);
CREATE UNIQUE INDEX t6_key ON app.t6 (id);
ALTER TABLE app.t6 REPLICA IDENTITY USING INDEX t6_key;
CREATE TABLE app.t7 (id integer NOT NULL, v text);
CREATE UNIQUE INDEX t7_key ON app.t7 (id, v);
ALTER TABLE app.t7 ALTER COLUMN v SET NOT NULL;
ALTER TABLE app.t7 REPLICA IDENTITY USING INDEX t7_key;
INSERT INTO app.t1 VALUES (1, 'a');
