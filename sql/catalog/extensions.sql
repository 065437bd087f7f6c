-- Installed extensions.
SELECT
  e.oid,
  e.extname AS name,
  e.extversion AS version,
  n.nspname AS schema,
  e.extrelocatable AS relocatable,
  pg_catalog.pg_get_userbyid(e.extowner) AS owner,
  d.description AS comment,
  -- The versions ALTER EXTENSION … UPDATE TO reaches from the installed one on this server; NULL without the
  -- extension's control file (pg_extension_update_paths fails on one that is gone). The available extensions are
  -- joined, not probed per row: each probe reads the whole extension directory.
  CASE WHEN a.name IS NOT NULL THEN
    ARRAY(SELECT p.target FROM pg_catalog.pg_extension_update_paths(e.extname) AS p
          WHERE p.source = e.extversion AND p.path IS NOT NULL ORDER BY p.target COLLATE "C")
  END AS update_targets
FROM pg_catalog.pg_extension AS e
JOIN pg_catalog.pg_namespace AS n ON n.oid = e.extnamespace
LEFT JOIN pg_catalog.pg_available_extensions AS a ON a.name = e.extname
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = e.oid AND d.classoid = 'pg_catalog.pg_extension'::regclass AND d.objsubid = 0
ORDER BY e.extname COLLATE "C";
