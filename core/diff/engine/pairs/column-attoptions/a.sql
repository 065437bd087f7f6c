CREATE SCHEMA app;
CREATE TABLE app.t (id integer, v text, w integer);
ALTER TABLE app.t ALTER COLUMN v SET (n_distinct = -0.5, n_distinct_inherited = 10);
ALTER TABLE app.t ALTER COLUMN w SET (n_distinct = 3);
CREATE TABLE app.m (d integer, v text) PARTITION BY RANGE (d);
CREATE TABLE app.m1 PARTITION OF app.m FOR VALUES FROM (0) TO (10);
CREATE MATERIALIZED VIEW app.mv AS SELECT 1 AS x;
