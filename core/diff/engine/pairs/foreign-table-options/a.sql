CREATE SCHEMA app;
-- A wrapper without validator takes any option.
CREATE FOREIGN DATA WRAPPER pair_fdw;
CREATE SERVER pair_one FOREIGN DATA WRAPPER pair_fdw;
CREATE SERVER pair_two FOREIGN DATA WRAPPER pair_fdw;
CREATE FOREIGN TABLE app.ft (
  a integer OPTIONS (column_name 'x'),
  b text OPTIONS (kind 'one'),
  c integer
) SERVER pair_one OPTIONS (table_name 't', schema_name 's', fetch 'yes');
CREATE FOREIGN TABLE app.fs (a integer) SERVER pair_one OPTIONS (table_name 'fs');
