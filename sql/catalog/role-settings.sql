-- ALTER ROLE … [IN DATABASE …] SET and ALTER DATABASE … SET. 0 means "all roles" / "all databases".
SELECT
  CASE WHEN s.setrole = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(s.setrole) END AS role,
  CASE WHEN s.setdatabase = 0 THEN NULL ELSE d.datname END AS database,
  coalesce(s.setconfig, '{}') AS settings
FROM pg_catalog.pg_db_role_setting AS s
LEFT JOIN pg_catalog.pg_database AS d ON d.oid = s.setdatabase
ORDER BY s.setrole <> 0, pg_catalog.pg_get_userbyid(s.setrole) COLLATE "C", s.setdatabase <> 0, d.datname COLLATE "C";
