-- The time zone names PostgREST before 16 cached at config load to accept Prefer: timezone (Config/Database.hs).
SELECT name FROM pg_catalog.pg_timezone_names;
