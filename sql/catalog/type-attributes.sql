-- Attributes of stand-alone composite types in $1, with their COLLATE where it is not the attribute type's own
-- and their comment (COMMENT ON COLUMN type.attribute).
SELECT
  c.reltype AS type_oid,
  a.attname AS name,
  a.attnum AS position,
  a.atttypid AS attribute_type_oid,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS formatted_type,
  co_n.nspname AS collation_schema,
  co.collname AS collation_name,
  d.description AS comment
FROM pg_catalog.pg_attribute AS a
JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
JOIN pg_catalog.pg_type AS ty ON ty.oid = a.atttypid
LEFT JOIN pg_catalog.pg_collation AS co ON co.oid = a.attcollation AND a.attcollation <> ty.typcollation
LEFT JOIN pg_catalog.pg_namespace AS co_n ON co_n.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum
WHERE c.relkind = 'c'
  AND c.relnamespace = ANY ($1::oid[])
  AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY c.reltype, a.attnum;
