-- Who and where a change set is applied, for its history entry and version-dependent placement.
SELECT
  current_user::text AS "user",
  current_database()::text AS database,
  pg_catalog.current_setting('server_version') AS version,
  pg_catalog.current_setting('server_version_num')::int AS version_num
