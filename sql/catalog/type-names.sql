-- Name, kind and array element of every type, to describe the types columns, arguments and results use.
-- An array is a type subscripted by array_subscript_handler (PG14+).
SELECT
  t.oid,
  n.nspname AS schema,
  t.typname AS name,
  pg_catalog.format_type(t.oid, NULL) AS formatted,
  CASE t.typtype
    WHEN 'b' THEN 'base' WHEN 'c' THEN 'composite' WHEN 'd' THEN 'domain' WHEN 'e' THEN 'enum'
    WHEN 'p' THEN 'pseudo' WHEN 'r' THEN 'range' WHEN 'm' THEN 'multirange'
  END AS kind,
  t.typsubscript = 'pg_catalog.array_subscript_handler'::regproc AS is_array,
  CASE WHEN t.typsubscript = 'pg_catalog.array_subscript_handler'::regproc THEN t.typelem END AS element_oid
FROM pg_catalog.pg_type AS t
JOIN pg_catalog.pg_namespace AS n ON n.oid = t.typnamespace;
