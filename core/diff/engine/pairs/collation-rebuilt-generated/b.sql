CREATE SCHEMA app;
-- The collation changes under a stored generated column whose expression spells it: the column is computed
-- anew (SET EXPRESSION from 17; before, the table is rebuilt with its rows), in its place among the columns.
CREATE COLLATION app.loose (provider = icu, locale = 'und-u-ks-level1', deterministic = false);
CREATE TABLE app.codes (
  id integer PRIMARY KEY,
  code text,
  folded text GENERATED ALWAYS AS (upper(code COLLATE app.loose)) STORED,
  note text
);
