CREATE SCHEMA app;
-- CLUSTER ON moved to another index, kept on an index that is remade, taken off, set on a materialized view and
-- written for a new table.
CREATE TABLE app.t1 (id integer, v integer);
CREATE INDEX t1_id ON app.t1 (id);
CREATE INDEX t1_v ON app.t1 (v);
ALTER TABLE app.t1 CLUSTER ON t1_v;
CREATE TABLE app.t2 (id integer, v integer);
CREATE INDEX t2_id ON app.t2 (id, v);
ALTER TABLE app.t2 CLUSTER ON t2_id;
CREATE TABLE app.t3 (id integer);
CREATE INDEX t3_id ON app.t3 (id);
CREATE MATERIALIZED VIEW app.mv AS SELECT 1 AS x;
CREATE INDEX mv_x ON app.mv (x);
ALTER MATERIALIZED VIEW app.mv CLUSTER ON mv_x;
CREATE TABLE app.t4 (id integer);
CREATE INDEX t4_id ON app.t4 (id);
ALTER TABLE app.t4 CLUSTER ON t4_id;
