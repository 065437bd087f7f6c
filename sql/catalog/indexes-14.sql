-- PG14: indexes of relations in $1 (see indexes.sql); the definition NULL for an index on plain columns with
-- default operator classes (the reader spells it out), pg_get_indexdef's for every other.
-- indkey holds key columns then INCLUDE columns; 0 marks an expression.
SELECT
  i.indrelid AS relation_oid,
  ic.relname AS name,
  i.indkey::int2[] AS attnums,
  i.indnkeyatts AS key_count,
  i.indisunique AS is_unique,
  i.indisprimary AS is_primary,
  false AS nulls_not_distinct,
  am.amname AS method,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
  i.indisvalid AS valid,
  CASE
    -- An index on plain columns whose every key column has its type's own default operator class (the
    -- opclass's input type is the column's type exactly: GetDefaultOpClass's exact match, so no opclass name is
    -- printed) and the column's collation, with no ordering options: spelled out by the reader too.
    WHEN c.relkind <> 'p'
      AND i.indexprs IS NULL AND i.indpred IS NULL AND ic.reloptions IS NULL
      AND 0 = ALL (i.indoption::int2[])
      AND NOT EXISTS (
        SELECT FROM pg_catalog.generate_series(0, i.indnkeyatts - 1) AS k(n)
        JOIN pg_catalog.pg_attribute AS ka ON ka.attrelid = i.indrelid AND ka.attnum = i.indkey[k.n]
        JOIN pg_catalog.pg_opclass AS oc ON oc.oid = i.indclass[k.n]
        -- Operator class options (gist's siglen…) sit on the index's own column and are printed too.
        JOIN pg_catalog.pg_attribute AS ia ON ia.attrelid = i.indexrelid AND ia.attnum = k.n + 1
        WHERE NOT oc.opcdefault OR oc.opcintype <> ka.atttypid OR i.indcollation[k.n] <> ka.attcollation
          OR ia.attoptions IS NOT NULL)
    THEN NULL
    ELSE pg_catalog.pg_get_indexdef(i.indexrelid)
  END AS definition,
  -- A partition's index attached to its parent's (dropped with it, never on its own).
  pi.relname AS attached_to,
  d.description AS comment
FROM pg_catalog.pg_index AS i
JOIN pg_catalog.pg_class AS ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class AS c ON c.oid = i.indrelid
JOIN pg_catalog.pg_am AS am ON am.oid = ic.relam
LEFT JOIN pg_catalog.pg_inherits AS inh ON inh.inhrelid = i.indexrelid
LEFT JOIN pg_catalog.pg_class AS pi ON pi.oid = inh.inhparent
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = i.indexrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
  AND c.relnamespace = ANY ($1::oid[])
  AND ($2::oid[] IS NULL OR c.oid = ANY ($2::oid[]))
ORDER BY i.indrelid, ic.relname COLLATE "C";
