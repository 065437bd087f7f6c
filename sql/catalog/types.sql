-- User-defined types of $1: enums (with labels), domains, stand-alone composite types, ranges, multiranges
-- and base types; not arrays, not the row types of tables and views.
SELECT
  t.oid,
  n.nspname AS schema,
  t.typname AS name,
  CASE t.typtype
    WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite'
    WHEN 'r' THEN 'range' WHEN 'm' THEN 'multirange' ELSE 'base'
  END AS kind,
  pg_catalog.pg_get_userbyid(t.typowner) AS owner,
  d.description AS comment,
  nullif(t.typarray, 0) AS array_oid,
  coalesce(en.labels, '{}') AS labels,
  CASE WHEN t.typtype = 'd' THEN t.typbasetype END AS base_type_oid,
  CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END AS base_type_formatted,
  t.typnotnull AS not_null,
  t.typdefault AS default_value,
  rg.rngsubtype AS range_subtype_oid,
  pg_catalog.format_type(rg.rngsubtype, NULL) AS range_subtype_formatted,
  e.extname AS extension,
  -- A domain's COLLATE, only where it is not its base type's (as pg_dump writes it).
  co_n.nspname AS collation_schema,
  co.collname AS collation_name
FROM pg_catalog.pg_type AS t
JOIN pg_catalog.pg_namespace AS n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_type AS bt ON bt.oid = t.typbasetype AND t.typtype = 'd'
LEFT JOIN pg_catalog.pg_collation AS co ON co.oid = t.typcollation AND t.typcollation <> bt.typcollation
LEFT JOIN pg_catalog.pg_namespace AS co_n ON co_n.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_class AS rc ON rc.oid = t.typrelid
LEFT JOIN (
  SELECT enumtypid, array_agg(enumlabel::text ORDER BY enumsortorder) AS labels
  FROM pg_catalog.pg_enum GROUP BY enumtypid
) AS en ON en.enumtypid = t.oid
LEFT JOIN pg_catalog.pg_range AS rg ON rg.rngtypid = t.oid
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::regclass AND d.objsubid = 0
LEFT JOIN pg_catalog.pg_depend AS dep
  ON dep.classid = 'pg_catalog.pg_type'::regclass AND dep.objid = t.oid AND dep.deptype = 'e'
LEFT JOIN pg_catalog.pg_extension AS e ON e.oid = dep.refobjid
WHERE t.typnamespace = ANY ($1::oid[])
  AND (t.typrelid = 0 OR rc.relkind = 'c')
  AND t.typtype <> 'p'
  AND t.typsubscript <> 'pg_catalog.array_subscript_handler'::regproc
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C";
