CREATE SCHEMA app;
-- A column moves from one enum to another (no cast between them: through their labels); a partition key's column
-- changes type (refused in place: the table is recreated, its partitions detached meanwhile, rows kept).
CREATE TYPE app.old_state AS ENUM ('on', 'off');
CREATE TYPE app.new_state AS ENUM ('on', 'off', 'idle');
CREATE TABLE app.t (id integer, s app.new_state);
CREATE TABLE app.m (k bigint, v text) PARTITION BY RANGE (k);
CREATE TABLE app.m1 PARTITION OF app.m FOR VALUES FROM (0) TO (10);
