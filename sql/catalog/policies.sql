-- Row-level security policies on relations of $1. polroles holds role OIDs, 0 meaning PUBLIC;
-- the reader names them from the role list.
SELECT
  n.nspname AS schema,
  c.relname AS table_name,
  p.polname AS name,
  p.polpermissive AS permissive,
  CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS command,
  p.polroles AS role_oids,
  pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS using_expr,
  pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS with_check_expr,
  d.description AS comment
FROM pg_catalog.pg_policy AS p
JOIN pg_catalog.pg_class AS c ON c.oid = p.polrelid
JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_policy'::regclass AND d.objsubid = 0
WHERE c.relnamespace = ANY ($1::oid[])
  AND ($2::oid[] IS NULL OR c.oid = ANY ($2::oid[]))
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", p.polname COLLATE "C";
