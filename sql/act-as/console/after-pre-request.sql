-- The session as the pre-request function left it (run inside a rolled-back transaction, after it): the role,
-- and the value of every setting the request set ($1) or the function's source sets with set_config('…') or
-- SET [LOCAL] — custom settings are not listed in pg_settings, so they are named. $2: the function (regproc text).
WITH src AS (
  SELECT p.prosrc FROM pg_catalog.pg_proc AS p WHERE p.oid = pg_catalog.to_regproc($2)
), names AS (
  SELECT m[1] AS n
  FROM src, regexp_matches(src.prosrc, 'set_config\s*\(\s*''([A-Za-z0-9_.]+)''', 'gi') AS m
  UNION
  SELECT m[1]
  FROM src, regexp_matches(src.prosrc, '\mSET\s+(?:LOCAL\s+)?([A-Za-z0-9_]+\.[A-Za-z0-9_.]+)', 'gi') AS m
  UNION
  SELECT unnest($1::text[])
)
SELECT current_user::text AS role,
       coalesce(
         (SELECT json_object_agg(n, coalesce(current_setting(n, true), '') ORDER BY n) FROM names WHERE n <> 'role'),
         '{}'
       )::text AS settings
