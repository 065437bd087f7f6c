CREATE SCHEMA app;
-- The TOAST table's storage parameters (toast.*): reset, changed, added, on tables and materialized views alike.
CREATE TABLE app.t1 (id integer, s text) WITH (fillfactor=70);
CREATE TABLE app.t2 (id integer, s text) WITH (toast.autovacuum_vacuum_cost_delay=20, toast.log_autovacuum_min_duration=5);
CREATE MATERIALIZED VIEW app.mv WITH (toast.autovacuum_enabled=false) AS SELECT 'x'::text AS s;
CREATE MATERIALIZED VIEW app.mv2 WITH (toast.autovacuum_enabled=false) AS SELECT 'x'::text AS s;
CREATE TABLE app.t3 (id integer, s text) WITH (toast.autovacuum_enabled=false, autovacuum_enabled=true);
