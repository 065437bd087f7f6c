-- Tables of $1 that publications name (pg_publication_rel), PostgreSQL 14: no column lists or row filters yet.
SELECT
  pr.prpubid AS publication_oid,
  n.nspname AS schema,
  c.relname AS name,
  NULL::text[] AS columns,
  NULL::text AS "where"
FROM pg_catalog.pg_publication_rel AS pr
JOIN pg_catalog.pg_class AS c ON c.oid = pr.prrelid
JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
WHERE c.relnamespace = ANY ($1::oid[])
ORDER BY pr.prpubid, n.nspname COLLATE "C", c.relname COLLATE "C";
