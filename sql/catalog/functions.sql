-- Functions, procedures, aggregates and window functions of $1.
-- A result is composite when its type is a row type or when it is `record` assembled from
-- OUT/INOUT/TABLE parameters (the same rule PostgREST applies).
SELECT
  p.oid,
  n.nspname AS schema,
  p.proname AS name,
  CASE p.prokind WHEN 'f' THEN 'function' WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'window' END AS kind,
  pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_args,
  pg_catalog.pg_get_function_arguments(p.oid) AS arguments_text,
  p.prorettype AS return_type_oid,
  pg_catalog.format_type(p.prorettype, NULL) AS return_type_formatted,
  p.proretset AS set_of,
  coalesce('t' = ANY (p.proargmodes::text[]), false) AS returns_table,
  (rt.typtype = 'c'
    OR (p.prorettype = 'pg_catalog.record'::regtype
        AND coalesce(p.proargmodes::text[] && '{t,b,o}'::text[], false))) AS is_composite,
  CASE WHEN rc.relkind IN ('r', 'v', 'm', 'p', 'f') THEN rn.nspname END AS return_relation_schema,
  CASE WHEN rc.relkind IN ('r', 'v', 'm', 'p', 'f') THEN rc.relname END AS return_relation_name,
  pg_catalog.pg_get_function_result(p.oid) AS result_text,
  CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' ELSE 'volatile' END AS volatility,
  p.prosecdef AS security_definer,
  p.proisstrict AS strict,
  p.proleakproof AS leakproof,
  CASE p.proparallel WHEN 's' THEN 'safe' WHEN 'r' THEN 'restricted' ELSE 'unsafe' END AS parallel,
  l.lanname AS language,
  pg_catalog.pg_get_userbyid(p.proowner) AS owner,
  d.description AS comment,
  coalesce(p.proconfig, '{}') AS config,
  p.prosrc AS source,
  p.procost::float8 AS cost,
  p.prorows::float8 AS result_rows,
  e.extname AS extension,
  -- SQL-standard bodies (BEGIN ATOMIC … END, RETURN …) live in prosqlbody, prosrc left empty.
  CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(p.oid) END AS sql_body
FROM pg_catalog.pg_proc AS p
JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_language AS l ON l.oid = p.prolang
JOIN pg_catalog.pg_type AS rt ON rt.oid = p.prorettype
LEFT JOIN pg_catalog.pg_class AS rc ON rc.oid = rt.typrelid
LEFT JOIN pg_catalog.pg_namespace AS rn ON rn.oid = rc.relnamespace
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_proc'::regclass AND d.objsubid = 0
LEFT JOIN pg_catalog.pg_depend AS dep
  ON dep.classid = 'pg_catalog.pg_proc'::regclass AND dep.objid = p.oid AND dep.deptype = 'e'
LEFT JOIN pg_catalog.pg_extension AS e ON e.oid = dep.refobjid
WHERE p.pronamespace = ANY ($1::oid[])
ORDER BY n.nspname COLLATE "C", p.proname COLLATE "C", pg_catalog.pg_get_function_identity_arguments(p.oid) COLLATE "C";
