-- Tables of $1 that publications name (pg_publication_rel), with their column list (prattrs, attnum order; null:
-- every column) and row filter (prqual as pg_get_expr writes it; null: every row), PostgreSQL 15+.
SELECT
  pr.prpubid AS publication_oid,
  n.nspname AS schema,
  c.relname AS name,
  CASE WHEN pr.prattrs IS NOT NULL THEN ARRAY(
    SELECT a.attname::text
    FROM pg_catalog.unnest(pr.prattrs::int2[]) AS u(attnum)
    JOIN pg_catalog.pg_attribute AS a ON a.attrelid = pr.prrelid AND a.attnum = u.attnum
    ORDER BY u.attnum
  ) END AS columns,
  pg_catalog.pg_get_expr(pr.prqual, pr.prrelid) AS "where"
FROM pg_catalog.pg_publication_rel AS pr
JOIN pg_catalog.pg_class AS c ON c.oid = pr.prrelid
JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
WHERE c.relnamespace = ANY ($1::oid[])
ORDER BY pr.prpubid, n.nspname COLLATE "C", c.relname COLLATE "C";
