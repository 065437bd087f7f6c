-- Installed extensions.
SELECT
  e.oid,
  e.extname AS name,
  e.extversion AS version,
  n.nspname AS schema,
  e.extrelocatable AS relocatable,
  pg_catalog.pg_get_userbyid(e.extowner) AS owner,
  d.description AS comment
FROM pg_catalog.pg_extension AS e
JOIN pg_catalog.pg_namespace AS n ON n.oid = e.extnamespace
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = e.oid AND d.classoid = 'pg_catalog.pg_extension'::regclass AND d.objsubid = 0
ORDER BY e.extname COLLATE "C";
