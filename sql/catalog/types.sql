-- User-defined types of $1: enums (with labels), domains, stand-alone composite types, ranges, multiranges
-- and base types; not arrays, not the row types of tables and views.
-- The few rows are picked first and everything else is looked up per row: the planner cannot tell how few
-- the filter leaves (a big catalog's row types are most of pg_type) and otherwise hashes whole catalogs.
SELECT
  t.oid,
  n.nspname AS schema,
  t.typname AS name,
  CASE t.typtype
    WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite'
    WHEN 'r' THEN 'range' WHEN 'm' THEN 'multirange' ELSE 'base'
  END AS kind,
  pg_catalog.pg_get_userbyid(t.typowner) AS owner,
  (SELECT d.description FROM pg_catalog.pg_description AS d
   WHERE d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::regclass AND d.objsubid = 0) AS comment,
  nullif(t.typarray, 0) AS array_oid,
  coalesce(
    (SELECT array_agg(en.enumlabel::text ORDER BY en.enumsortorder)
     FROM pg_catalog.pg_enum AS en WHERE en.enumtypid = t.oid AND t.typtype = 'e'),
    '{}') AS labels,
  CASE WHEN t.typtype = 'd' THEN t.typbasetype END AS base_type_oid,
  CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END AS base_type_formatted,
  t.typnotnull AS not_null,
  t.typdefault AS default_value,
  rg.rngsubtype AS range_subtype_oid,
  pg_catalog.format_type(rg.rngsubtype, NULL) AS range_subtype_formatted,
  (SELECT e.extname FROM pg_catalog.pg_depend AS dep
   JOIN pg_catalog.pg_extension AS e ON e.oid = dep.refobjid
   WHERE dep.classid = 'pg_catalog.pg_type'::regclass AND dep.objid = t.oid AND dep.deptype = 'e') AS extension,
  -- A domain's COLLATE, only where it is not its base type's (as pg_dump writes it).
  co_n.nspname AS collation_schema,
  co.collname AS collation_name
FROM (
  SELECT t.* FROM pg_catalog.pg_type AS t
  WHERE t.typnamespace = ANY ($1::oid[])
    AND (t.typtype <> 'c' OR t.typrelid IN (SELECT rc.oid FROM pg_catalog.pg_class AS rc WHERE rc.relkind = 'c'))
    AND t.typtype <> 'p'
    AND t.typsubscript <> 'pg_catalog.array_subscript_handler'::regproc
  OFFSET 0
) AS t
JOIN pg_catalog.pg_namespace AS n ON n.oid = t.typnamespace
LEFT JOIN LATERAL (
  SELECT co.collname, co.collnamespace FROM pg_catalog.pg_type AS bt
  JOIN pg_catalog.pg_collation AS co ON co.oid = t.typcollation
  WHERE t.typtype = 'd' AND bt.oid = t.typbasetype AND t.typcollation <> bt.typcollation
) AS co ON true
LEFT JOIN pg_catalog.pg_namespace AS co_n ON co_n.oid = co.collnamespace
LEFT JOIN LATERAL (
  SELECT rg.rngsubtype FROM pg_catalog.pg_range AS rg WHERE rg.rngtypid = t.oid AND t.typtype = 'r'
) AS rg ON true
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C";
