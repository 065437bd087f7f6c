-- Attributes of stand-alone composite types in $1.
SELECT
  c.reltype AS type_oid,
  a.attname AS name,
  a.attnum AS position,
  a.atttypid AS attribute_type_oid,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS formatted_type
FROM pg_catalog.pg_attribute AS a
JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
WHERE c.relkind = 'c'
  AND c.relnamespace = ANY ($1::oid[])
  AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY c.reltype, a.attnum;
