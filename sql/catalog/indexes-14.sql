-- PG14: indexes of relations in $1 (see indexes.sql), every definition from pg_get_indexdef.
-- indkey holds key columns then INCLUDE columns; 0 marks an expression.
SELECT
  i.indrelid AS relation_oid,
  ic.relname AS name,
  i.indkey::int2[] AS attnums,
  i.indnkeyatts AS key_count,
  i.indisunique AS is_unique,
  i.indisprimary AS is_primary,
  false AS nulls_not_distinct,
  am.amname AS method,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
  i.indisvalid AS valid,
  pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
  d.description AS comment
FROM pg_catalog.pg_index AS i
JOIN pg_catalog.pg_class AS ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class AS c ON c.oid = i.indrelid
JOIN pg_catalog.pg_am AS am ON am.oid = ic.relam
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = i.indexrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
  AND c.relnamespace = ANY ($1::oid[])
ORDER BY i.indrelid, ic.relname COLLATE "C";
