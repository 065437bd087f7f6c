-- Whether the login may switch to the role with SET ROLE, as PostgREST does: the role does not exist (PostgreSQL
-- itself then reports 22023, as PostgREST does), or the login may SET ROLE to it — from 16 a chain of grants with
-- the SET option (pg_has_role 'SET'), before any membership chain ('MEMBER'). Superusers may become any role.
-- Used only when no catalog model is at hand (shared/model/postgrest-roles.ts answers from the model).
select r.oid is null
       or pg_catalog.pg_has_role(session_user, r.oid,
            case when pg_catalog.current_setting('server_version_num')::int >= 160000 then 'SET' else 'MEMBER' end)
         as ok
  from (select $1::text as name) want
  left join pg_catalog.pg_roles r on r.rolname = want.name
