-- Settings PostgREST re-applies when it impersonates a role: the role's own ALTER ROLE … SET values
-- (rolconfig, i.e. not database-specific), limited to those the login role may set.
-- $1 = impersonated role. PostgreSQL 15+ (has_parameter_privilege); role-settings-pg14.sql for 14.
with kv as (
  select substr(s, 1, strpos(s, '=') - 1) as key,
         substr(s, strpos(s, '=') + 1) as value
    from pg_catalog.pg_roles r, unnest(r.rolconfig) as s
   where r.rolname = $1
)
select kv.key, kv.value
  from kv
  join pg_catalog.pg_settings ps on ps.name = kv.key
 where ps.context = 'user'
    or pg_catalog.has_parameter_privilege(current_user, ps.name, 'SET')
