-- Settings PostgREST re-applies when it impersonates a role: the role's own ALTER ROLE … SET values
-- (rolconfig, i.e. not database-specific), limited to those the login role may set, and only for roles the
-- authenticator is a DIRECT member of, as PostgREST reads them (Config/Database.hs queryRoleSettings:
-- pg_auth_members.member = current_user). $2 = the authenticator's name when the login is someone else (the
-- developer), else null (the login is the authenticator).
-- $1 = impersonated role. PostgreSQL 14 (no GRANT SET ON PARAMETER yet).
with authenticator as (
  select coalesce((select oid from pg_catalog.pg_roles where rolname = $2), (select oid from pg_catalog.pg_roles where rolname = current_user)) as oid
),
kv as (
  select substr(s, 1, strpos(s, '=') - 1) as key,
         substr(s, strpos(s, '=') + 1) as value
    from pg_catalog.pg_roles r, unnest(r.rolconfig) as s
   where r.rolname = $1
     and exists (select 1 from pg_catalog.pg_auth_members m, authenticator a
                  where m.roleid = r.oid and m.member = a.oid)
)
select kv.key, kv.value
  from kv
  join pg_catalog.pg_settings ps on ps.name = kv.key
 where ps.context = 'user'
