-- Primary key, unique, check, foreign key and exclusion constraints of relations in $1.
-- (PG18's NOT NULL constraints are left out: nullability is on the columns, the same on every version.)
-- Definitions are pg_dump's (not pretty-printed): the pretty form is several times slower to deparse.
-- Key columns are returned as attnums and named from the column list, the referenced ones too; only when
-- the referenced relation is not read (outside the included schemas, or not among $2) are its column names
-- looked up here.
SELECT
  con.conrelid AS relation_oid,
  con.conname AS name,
  CASE con.contype
    WHEN 'p' THEN 'primary_key'
    WHEN 'u' THEN 'unique'
    WHEN 'c' THEN 'check'
    WHEN 'f' THEN 'foreign_key'
    WHEN 'x' THEN 'exclusion'
  END AS kind,
  coalesce(con.conkey, '{}') AS key_attnums,
  -- A b-tree PRIMARY KEY / UNIQUE definition is spelled out by the reader from its columns and index (in
  -- pg_get_constraintdef's words), sparing the deparser half of the rows; NULL asks for that. So is a plain
  -- FOREIGN KEY (the deparser's dearest: 50 µs each), one that references a b-tree key (not WITHOUT OVERLAPS, so
  -- no PERIOD), has no ON DELETE SET NULL / SET DEFAULT (which may list columns from 15 on) and is validated
  -- (from 18 an unvalidated one may be NOT ENFORCED instead of NOT VALID).
  CASE WHEN con.contype IN ('p', 'u') AND am.amname = 'btree' THEN NULL
       WHEN con.contype = 'f' AND am.amname = 'btree' AND con.confdeltype NOT IN ('n', 'd') AND con.convalidated
         THEN NULL
       ELSE pg_catalog.pg_get_constraintdef(con.oid) END AS definition,
  fn.nspname AS ref_schema,
  fc.relname AS ref_table,
  con.confrelid AS ref_oid,
  coalesce(con.confkey, '{}') AS ref_attnums,
  CASE WHEN con.contype = 'f'
            AND (NOT fc.relnamespace = ANY ($1::oid[])
                 OR ($2::oid[] IS NOT NULL AND fc.oid <> ALL ($2::oid[]))) THEN
    ARRAY(SELECT fa.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_catalog.pg_attribute AS fa ON fa.attrelid = con.confrelid AND fa.attnum = k.attnum
          ORDER BY k.ord)
  END AS ref_columns,
  CASE con.confupdtype WHEN 'a' THEN 'no_action' WHEN 'r' THEN 'restrict' WHEN 'c' THEN 'cascade'
    WHEN 'n' THEN 'set_null' WHEN 'd' THEN 'set_default' END AS on_update,
  CASE con.confdeltype WHEN 'a' THEN 'no_action' WHEN 'r' THEN 'restrict' WHEN 'c' THEN 'cascade'
    WHEN 'n' THEN 'set_null' WHEN 'd' THEN 'set_default' END AS on_delete,
  CASE con.confmatchtype WHEN 's' THEN 'simple' WHEN 'f' THEN 'full' WHEN 'p' THEN 'partial' END AS match_type,
  con.condeferrable AS deferrable,
  con.condeferred AS deferred,
  con.convalidated AS validated,
  CASE WHEN con.contype IN ('p', 'u', 'x') THEN ic.relname END AS index_name,
  con.conparentid <> 0 AS inherited,
  con.conislocal AS local,
  d.description AS comment
FROM pg_catalog.pg_constraint AS con
JOIN pg_catalog.pg_class AS c ON c.oid = con.conrelid
LEFT JOIN pg_catalog.pg_class AS fc ON fc.oid = con.confrelid AND con.contype = 'f'
LEFT JOIN pg_catalog.pg_namespace AS fn ON fn.oid = fc.relnamespace
LEFT JOIN pg_catalog.pg_class AS ic ON ic.oid = con.conindid AND con.conindid <> 0
LEFT JOIN pg_catalog.pg_am AS am ON am.oid = ic.relam
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = con.oid AND d.classoid = 'pg_catalog.pg_constraint'::regclass AND d.objsubid = 0
WHERE con.contype IN ('p', 'u', 'c', 'f', 'x')
  AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
  AND c.relnamespace = ANY ($1::oid[])
  AND ($2::oid[] IS NULL OR c.oid = ANY ($2::oid[]))
ORDER BY con.conrelid, con.conname COLLATE "C";
