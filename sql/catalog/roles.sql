-- Every role with its attributes. rolconfig holds the settings that apply in all databases.
-- 'infinity' and NULL both mean the password never expires.
SELECT
  r.oid,
  r.rolname AS name,
  r.rolsuper AS superuser,
  r.rolinherit AS inherit,
  r.rolcreaterole AS create_role,
  r.rolcreatedb AS create_db,
  r.rolcanlogin AS can_login,
  r.rolreplication AS replication,
  r.rolbypassrls AS bypass_rls,
  r.rolconnlimit AS connection_limit,
  CASE
    WHEN r.rolvaliduntil IS NULL OR r.rolvaliduntil = 'infinity' THEN NULL
    ELSE to_char(r.rolvaliduntil AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
  END AS valid_until,
  r.rolname LIKE 'pg\_%' AS is_system,
  d.description AS comment,
  coalesce(r.rolconfig, '{}') AS settings
FROM pg_catalog.pg_roles AS r
LEFT JOIN pg_catalog.pg_shdescription AS d
  ON d.objoid = r.oid AND d.classoid = 'pg_catalog.pg_authid'::regclass
ORDER BY r.rolname COLLATE "C";
