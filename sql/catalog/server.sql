-- Who and where the reader is. can_read_authid decides whether password presence can be read at all
-- (pg_authid is superuser-only; pg_roles always shows '********').
SELECT
  current_setting('server_version') AS version,
  current_setting('server_version_num')::int AS version_num,
  current_user::text AS current_user_name,
  session_user::text AS session_user_name,
  current_database()::text AS current_database,
  r.rolsuper AS is_superuser,
  r.rolbypassrls AS bypass_rls,
  has_table_privilege('pg_catalog.pg_authid', 'SELECT') AS can_read_authid,
  to_char(transaction_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS read_at
FROM pg_catalog.pg_roles AS r
WHERE r.rolname = current_user;
