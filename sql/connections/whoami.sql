-- Who the studio is connected as: role attributes, memberships (transitively, not "everything" for a
-- superuser), what it owns, and the server version.
WITH RECURSIVE me AS (
  SELECT r.oid, r.rolname, r.rolsuper, r.rolbypassrls, r.rolcreaterole
  FROM pg_catalog.pg_roles AS r
  WHERE r.rolname = current_user
),
member_of (oid) AS (
  SELECT m.roleid FROM pg_catalog.pg_auth_members AS m JOIN me ON m.member = me.oid
  UNION
  SELECT m.roleid FROM pg_catalog.pg_auth_members AS m JOIN member_of AS mo ON m.member = mo.oid
)
SELECT
  current_user::text AS current_user,
  session_user::text AS session_user,
  me.rolsuper AS superuser,
  me.rolbypassrls AS bypass_rls,
  me.rolcreaterole AS create_role,
  ARRAY(
    SELECT r.rolname::text FROM member_of JOIN pg_catalog.pg_roles AS r ON r.oid = member_of.oid ORDER BY 1
  ) AS member_of,
  (
    SELECT count(*) FROM pg_catalog.pg_namespace AS n
    WHERE n.nspowner = me.oid
      AND n.nspname NOT LIKE 'pg\_%'
      AND n.nspname <> 'information_schema'
  )::int AS owned_schemas,
  (
    SELECT count(*) FROM pg_catalog.pg_class AS c
    JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
    WHERE c.relowner = me.oid
      AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND n.nspname NOT LIKE 'pg\_%'
      AND n.nspname <> 'information_schema'
  )::int AS owned_relations,
  current_database()::text AS database,
  current_setting('server_version') AS server_version,
  current_setting('server_version_num')::int AS server_version_num
FROM me;
