-- The login role and server version of an act-as pool, read once per pool.
select current_user as login, pg_catalog.current_setting('server_version_num')::int as version_num
