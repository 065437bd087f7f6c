-- What PostgREST takes from a called function's SET clauses: its default_transaction_isolation, and the settings
-- named in db-hoisted-tx-settings (matched as PostgREST does, by regular expression), applied transaction-wide.
-- $1 schema, $2 function name, $3 argument count, $4 hoisted setting names.
select (select (regexp_split_to_array((regexp_split_to_array(c, '='))[2], ','))[1]
          from unnest(p.proconfig) c
         where c like 'default_transaction_isolation%'
         limit 1) as isolation,
       coalesce((select array_agg(substr(s, 1, strpos(s, '=') - 1) order by o)
                   from unnest(p.proconfig) with ordinality u(s, o)
                  where s ~ any($4::text[])), '{}') as keys,
       coalesce((select array_agg(substr(s, strpos(s, '=') + 1) order by o)
                   from unnest(p.proconfig) with ordinality u(s, o)
                  where s ~ any($4::text[])), '{}') as vals
  from pg_catalog.pg_proc p
  join pg_catalog.pg_namespace n on n.oid = p.pronamespace
 where n.nspname = $1 and p.proname = $2 and p.pronargs = $3
