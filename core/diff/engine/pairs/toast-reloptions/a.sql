CREATE SCHEMA app;
CREATE TABLE app.t1 (id integer, s text) WITH (fillfactor=70, toast.autovacuum_enabled=false);
CREATE TABLE app.t2 (id integer, s text) WITH (toast.autovacuum_vacuum_cost_delay=10);
CREATE MATERIALIZED VIEW app.mv AS SELECT 'x'::text AS s;
