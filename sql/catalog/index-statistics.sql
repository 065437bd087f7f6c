-- Statistics targets set on index columns of relations in $1 (ALTER INDEX … ALTER COLUMN n SET STATISTICS, which
-- PostgreSQL allows on expression columns): only the set ones (-1 before 17, NULL from 17 mean the default).
SELECT
  i.indrelid AS relation_oid,
  ic.relname AS index_name,
  a.attnum AS column_number,
  a.attstattarget::int AS target
FROM pg_catalog.pg_index AS i
JOIN pg_catalog.pg_class AS ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class AS c ON c.oid = i.indrelid
JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indexrelid AND a.attnum > 0
WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
  AND c.relnamespace = ANY ($1::oid[])
  AND a.attstattarget::int >= 0
ORDER BY i.indrelid, ic.relname COLLATE "C", a.attnum;
