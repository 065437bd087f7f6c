-- One table for "why this row?": its RLS state, whether role $3 owns it or holds the command's privilege, its
-- primary key columns and its policies with whether each applies to $3. Read as the developer in the probe's
-- transaction (after a previewed change set). $1 = schema, $2 = table, $3 = role, $4 = privilege (SELECT …).
select c.relrowsecurity as rls,
       c.relforcerowsecurity as forced,
       pg_catalog.pg_get_userbyid(c.relowner) as owner,
       pg_catalog.pg_has_role($3, c.relowner, 'USAGE') as owns,
       pg_catalog.has_table_privilege($3, c.oid, $4)
         or ($4 in ('SELECT', 'INSERT', 'UPDATE') and pg_catalog.has_any_column_privilege($3, c.oid, $4)) as granted,
       coalesce((select json_agg(a.attname order by k.ord)
                   from pg_catalog.pg_index i
                   cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
                   join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                  where i.indrelid = c.oid and i.indisprimary), '[]'::json) as pk,
       coalesce((select json_agg(json_build_object(
                   'name', p.polname,
                   'permissive', p.polpermissive,
                   'cmd', p.polcmd::text,
                   'applies', 0 = any (p.polroles)
                              or exists (select from unnest(p.polroles) r
                                          where r <> 0 and pg_catalog.pg_has_role($3, r, 'USAGE')),
                   'using', pg_catalog.pg_get_expr(p.polqual, p.polrelid),
                   'check', pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid))
                 order by p.polname)
                   from pg_catalog.pg_policy p
                  where p.polrelid = c.oid), '[]'::json) as policies
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
 where n.nspname = $1 and c.relname = $2 and c.relkind in ('r', 'p')
