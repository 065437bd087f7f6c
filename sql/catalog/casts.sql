-- User-defined casts (built-in ones are below FirstNormalObjectId), with their types as format_type prints them
-- under the reader's search_path (empty: user types schema-qualified, built-ins bare) and the cast function as
-- regproc text (schema-qualified when not on the search path). `executable`: the reading role may call the
-- function — PostgREST's data representations are the implicit function casts between a domain and json/text that
-- its (authenticator) role can execute (SchemaCache.hs dataRepresentations).
SELECT
  c.oid,
  pg_catalog.format_type(c.castsource, NULL) AS source_type,
  pg_catalog.format_type(c.casttarget, NULL) AS target_type,
  src.typtype = 'd' AS source_is_domain,
  dst.typtype = 'd' AS target_is_domain,
  CASE c.castcontext WHEN 'i' THEN 'implicit' WHEN 'a' THEN 'assignment' ELSE 'explicit' END AS context,
  CASE c.castmethod WHEN 'f' THEN 'function' WHEN 'i' THEN 'inout' ELSE 'binary' END AS method,
  fn_n.nspname AS function_schema,
  fn.proname AS function_name,
  CASE WHEN c.castfunc <> 0 THEN pg_catalog.pg_get_function_identity_arguments(c.castfunc) END AS function_args,
  CASE WHEN c.castfunc <> 0 THEN c.castfunc::pg_catalog.regproc::text END AS function_sql,
  c.castfunc <> 0 AND pg_catalog.has_function_privilege(c.castfunc, 'execute') AS executable
FROM pg_catalog.pg_cast AS c
JOIN pg_catalog.pg_type AS src ON src.oid = c.castsource
JOIN pg_catalog.pg_type AS dst ON dst.oid = c.casttarget
LEFT JOIN pg_catalog.pg_proc AS fn ON fn.oid = c.castfunc
LEFT JOIN pg_catalog.pg_namespace AS fn_n ON fn_n.oid = fn.pronamespace
WHERE c.oid >= 16384
ORDER BY pg_catalog.format_type(c.castsource, NULL) COLLATE "C", pg_catalog.format_type(c.casttarget, NULL) COLLATE "C";
