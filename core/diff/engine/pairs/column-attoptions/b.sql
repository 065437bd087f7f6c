CREATE SCHEMA app;
-- Attribute options (n_distinct, n_distinct_inherited) set, changed and reset, kept over a retype, on a partitioned
-- table, its partitions, a materialized view and new tables.
CREATE TABLE app.t (id integer, v text, w bigint);
ALTER TABLE app.t ALTER COLUMN id SET (n_distinct = 100);
ALTER TABLE app.t ALTER COLUMN v SET (n_distinct = -0.5);
ALTER TABLE app.t ALTER COLUMN w SET (n_distinct = 4);
CREATE TABLE app.m (d integer, v text) PARTITION BY RANGE (d);
CREATE TABLE app.m1 PARTITION OF app.m FOR VALUES FROM (0) TO (10);
ALTER TABLE ONLY app.m ALTER COLUMN v SET (n_distinct_inherited = 7);
ALTER TABLE ONLY app.m1 ALTER COLUMN v SET (n_distinct = 2);
CREATE TABLE app.m2 PARTITION OF app.m FOR VALUES FROM (10) TO (20);
ALTER TABLE app.m2 ALTER COLUMN d SET (n_distinct = 9);
CREATE MATERIALIZED VIEW app.mv AS SELECT 1 AS x;
ALTER MATERIALIZED VIEW app.mv ALTER COLUMN x SET (n_distinct = 1);
CREATE TABLE app.n (id integer);
ALTER TABLE app.n ALTER COLUMN id SET (n_distinct = 100);
