-- Whether the developer's login may switch to the role: it does not exist (PostgreSQL itself then reports
-- 22023, as PostgREST does) or the login is a member of it (superusers are members of every role).
select r.oid is null or pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER') as ok
  from (select $1::text as name) want
  left join pg_catalog.pg_roles r on r.rolname = want.name
