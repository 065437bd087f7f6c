-- One row per argument of every function in $1, positions over all arguments (OUT/TABLE included).
-- Without proallargtypes every argument is IN; pg_get_function_arg_default counts positions the same way.
SELECT
  p.oid AS function_oid,
  a.ord::int AS position,
  nullif(p.proargnames[a.ord], '') AS name,
  CASE coalesce(p.proargmodes[a.ord], 'i')
    WHEN 'i' THEN 'in' WHEN 'o' THEN 'out' WHEN 'b' THEN 'inout' WHEN 'v' THEN 'variadic' ELSE 'table'
  END AS mode,
  a.type_oid,
  pg_catalog.format_type(a.type_oid, NULL) AS formatted_type,
  pg_catalog.pg_get_function_arg_default(p.oid, a.ord::int) AS default_value
FROM pg_catalog.pg_proc AS p
CROSS JOIN LATERAL unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY AS a(type_oid, ord)
WHERE p.pronamespace = ANY ($1::oid[])
ORDER BY p.oid, a.ord;
