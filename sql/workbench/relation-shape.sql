-- The data view's shape of one relation ($1 schema, $2 name): its kind, columns in order, and the primary
-- key columns in key order. One row per column; a relation without columns gives one row with NULL columns.
SELECT
  c.relkind::text AS relkind,
  a.attname::text AS name,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
  a.attnotnull AS not_null,
  a.atthasdef AS has_default,
  (a.attgenerated <> '' OR a.attidentity = 'a') AS generated,
  ARRAY(
    SELECT k.attname::text
    FROM pg_catalog.pg_index AS i
    CROSS JOIN LATERAL pg_catalog.unnest(i.indkey) WITH ORDINALITY AS u(attnum, ord)
    JOIN pg_catalog.pg_attribute AS k ON k.attrelid = i.indrelid AND k.attnum = u.attnum
    WHERE i.indrelid = c.oid AND i.indisprimary
    ORDER BY u.ord
  ) AS primary_key
FROM pg_catalog.pg_class AS c
JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
ORDER BY a.attnum;
