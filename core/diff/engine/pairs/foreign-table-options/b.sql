CREATE SCHEMA app;
CREATE FOREIGN DATA WRAPPER pair_fdw;
CREATE SERVER pair_one FOREIGN DATA WRAPPER pair_fdw;
CREATE SERVER pair_two FOREIGN DATA WRAPPER pair_fdw;
-- FDW options of foreign tables and their columns added, set and dropped (ALTER FOREIGN TABLE … [ALTER COLUMN …]
-- OPTIONS), on a column added too; a new foreign table's column options; a table moved to another server (made anew).
CREATE FOREIGN TABLE app.ft (
  a integer,
  b text OPTIONS (kind 'two'),
  c integer OPTIONS (kind 'three'),
  d text OPTIONS ("odd name" 'it''s')
) SERVER pair_one OPTIONS (table_name 'u', schema_name 's');
CREATE FOREIGN TABLE app.fs (a integer) SERVER pair_two OPTIONS (table_name 'fs');
CREATE FOREIGN TABLE app.fn (a integer OPTIONS (column_name 'y')) SERVER pair_one OPTIONS (table_name 'fn');
