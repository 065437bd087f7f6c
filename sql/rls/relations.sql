-- The relations of the exposed schemas with their RLS state, what role $2 may do on each (grants, policies that
-- apply to it) and whether the developer (current_user) can read it. Read inside the probe's transaction, as the
-- developer, after any previewed change set, so pending policies and grants count.
-- $1 = exposed schemas (text[]), $2 = the persona's role.
select n.nspname as schema,
       c.relname as name,
       c.relkind::text as kind,
       c.relrowsecurity as rls,
       c.relforcerowsecurity as forced,
       pg_catalog.pg_get_userbyid(c.relowner) as owner,
       pg_catalog.pg_has_role($2, c.relowner, 'USAGE') as owns,
       pg_catalog.has_table_privilege(current_user, c.oid, 'SELECT') as developer_reads,
       pg_catalog.has_table_privilege($2, c.oid, 'SELECT') as can_select,
       pg_catalog.has_table_privilege($2, c.oid, 'INSERT') as can_insert,
       pg_catalog.has_table_privilege($2, c.oid, 'UPDATE')
         or pg_catalog.has_any_column_privilege($2, c.oid, 'UPDATE') as can_update,
       pg_catalog.has_table_privilege($2, c.oid, 'DELETE') as can_delete,
       (select a.attname
          from pg_catalog.pg_attribute a
         where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
           and a.attidentity <> 'a' and a.attgenerated = ''
           and pg_catalog.has_column_privilege($2, c.oid, a.attnum, 'UPDATE')
           and pg_catalog.has_column_privilege($2, c.oid, a.attnum, 'SELECT')
         order by a.attnum
         limit 1) as update_column,
       coalesce((select json_agg(json_build_object(
                   'name', p.polname,
                   'permissive', p.polpermissive,
                   'cmd', p.polcmd::text,
                   'applies', 0 = any (p.polroles)
                              or exists (select from unnest(p.polroles) r
                                          where r <> 0 and pg_catalog.pg_has_role($2, r, 'USAGE')),
                   'using', pg_catalog.pg_get_expr(p.polqual, p.polrelid),
                   'check', pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid))
                 order by p.polname)
                   from pg_catalog.pg_policy p
                  where p.polrelid = c.oid), '[]'::json) as policies
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
 where n.nspname = any ($1::text[])
   and c.relkind in ('r', 'p', 'v', 'm', 'f')
 order by n.nspname, c.relname
