CREATE SCHEMA app;
CREATE TYPE app.old_state AS ENUM ('on', 'off');
CREATE TYPE app.new_state AS ENUM ('on', 'off', 'idle');
CREATE TABLE app.t (id integer, s app.old_state);
CREATE TABLE app.m (k integer, v text) PARTITION BY RANGE (k);
CREATE TABLE app.m1 PARTITION OF app.m FOR VALUES FROM (0) TO (10);
INSERT INTO app.t VALUES (1, 'off');
INSERT INTO app.m VALUES (5, 'x');
