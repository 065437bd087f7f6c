-- The persona's role: whether it exists and bypasses row level security. $1 = role name.
select r.rolsuper as superuser, r.rolbypassrls as bypassrls
  from pg_catalog.pg_roles r
 where r.rolname = $1
