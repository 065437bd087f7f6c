-- Statistics targets set on index columns of relations in $1 (ALTER INDEX … ALTER COLUMN n SET STATISTICS, which
-- PostgreSQL allows on expression columns): only the set ones (-1 before 17, NULL from 17 mean the default).
-- The index's columns are probed before its name is looked up: a set target is rare, the name lookup per index is not.
SELECT
  s.relation_oid,
  (SELECT ic.relname FROM pg_catalog.pg_class AS ic WHERE ic.oid = s.indexrelid) AS index_name,
  s.column_number,
  s.target
FROM (
  SELECT i.indrelid AS relation_oid, i.indexrelid, a.attnum AS column_number, a.attstattarget::int AS target
  FROM pg_catalog.pg_index AS i
  JOIN pg_catalog.pg_class AS c ON c.oid = i.indrelid
  JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indexrelid AND a.attnum > 0
  WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
    AND c.relnamespace = ANY ($1::oid[])
    AND ($2::oid[] IS NULL OR c.oid = ANY ($2::oid[]))
    AND a.attstattarget::int >= 0
  OFFSET 0
) AS s
-- (A name compares in "C" already.)
ORDER BY s.relation_oid, index_name, s.column_number;
