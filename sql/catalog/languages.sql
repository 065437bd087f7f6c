-- Procedural languages of the current database (database-wide, in no schema), with the extension that made each
-- (plpgsql is its extension's). Only their privileges are diffed: grants.sql reads the trusted ones' ACLs.
SELECT
  l.oid,
  l.lanname AS name,
  pg_catalog.pg_get_userbyid(l.lanowner) AS owner,
  l.lanpltrusted AS trusted,
  e.extname AS extension
FROM pg_catalog.pg_language AS l
LEFT JOIN pg_catalog.pg_depend AS d
  ON d.classid = 'pg_catalog.pg_language'::regclass AND d.objid = l.oid AND d.deptype = 'e'
LEFT JOIN pg_catalog.pg_extension AS e ON e.oid = d.refobjid
ORDER BY l.lanname COLLATE "C";
