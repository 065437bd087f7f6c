-- Name, kind and array element of every type, to describe the types columns, arguments and results use.
-- An array is a type subscripted by array_subscript_handler (PG14+).
-- $1 (when some are): relations left out of the read (relation-fingerprints.sql). Their row types and those
-- types' arrays are left out too, unless something uses them (a column of any relation, a function's argument
-- or result, a cast, a domain…): pg_depend records every such use of a type that is not built in.
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
JOIN pg_catalog.pg_namespace AS n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_type AS e
  ON e.oid = t.typelem AND t.typsubscript = 'pg_catalog.array_subscript_handler'::regproc
WHERE $1::oid[] IS NULL
   OR NOT (t.typrelid IN (SELECT pg_catalog.unnest($1::oid[]))
           OR coalesce(e.typrelid IN (SELECT pg_catalog.unnest($1::oid[])), false))
   OR t.oid IN (
     SELECT d.refobjid FROM pg_catalog.pg_depend AS d
     WHERE d.refclassid = 'pg_catalog.pg_type'::regclass
       -- An array's own edge to its element, a row type's to its relation.
       AND NOT (d.classid = 'pg_catalog.pg_type'::regclass AND d.deptype = 'i'));
