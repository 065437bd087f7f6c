-- Every schema, flagged when it is a system schema (left out of the model by default).
SELECT
  n.oid,
  n.nspname AS name,
  pg_catalog.pg_get_userbyid(n.nspowner) AS owner,
  d.description AS comment,
  e.extname AS extension,
  (n.nspname IN ('pg_catalog', 'information_schema')
    OR n.nspname LIKE 'pg\_toast%'
    OR n.nspname LIKE 'pg\_temp\_%') AS is_system
FROM pg_catalog.pg_namespace AS n
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = n.oid AND d.classoid = 'pg_catalog.pg_namespace'::regclass AND d.objsubid = 0
LEFT JOIN pg_catalog.pg_depend AS dep
  ON dep.classid = 'pg_catalog.pg_namespace'::regclass AND dep.objid = n.oid AND dep.deptype = 'e'
LEFT JOIN pg_catalog.pg_extension AS e ON e.oid = dep.refobjid
ORDER BY n.nspname COLLATE "C";
