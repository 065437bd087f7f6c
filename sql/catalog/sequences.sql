-- Sequences of $1 with their parameters (as text: they are bigint) and the column they belong to:
-- an 'a' dependency is serial / OWNED BY, an 'i' dependency an identity column. Sequences are unlogged from 15 on
-- only (relpersistence is always 'p' for them before).
SELECT
  c.oid,
  n.nspname AS schema,
  c.relname AS name,
  pg_catalog.pg_get_userbyid(c.relowner) AS owner,
  pg_catalog.format_type(s.seqtypid, NULL) AS data_type,
  s.seqstart::text AS start_value,
  s.seqincrement::text AS increment,
  s.seqmin::text AS min_value,
  s.seqmax::text AS max_value,
  s.seqcache::text AS cache,
  s.seqcycle AS cycle,
  own_n.nspname AS owned_schema,
  own_c.relname AS owned_table,
  own_a.attname AS owned_column,
  coalesce(dep.deptype = 'i', false) AS is_identity,
  d.description AS comment,
  e.extname AS extension,
  c.relpersistence = 'u' AS unlogged
FROM pg_catalog.pg_class AS c
JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_sequence AS s ON s.seqrelid = c.oid
LEFT JOIN pg_catalog.pg_depend AS dep
  ON dep.classid = 'pg_catalog.pg_class'::regclass AND dep.objid = c.oid
  AND dep.refclassid = 'pg_catalog.pg_class'::regclass AND dep.refobjsubid > 0 AND dep.deptype IN ('a', 'i')
LEFT JOIN pg_catalog.pg_class AS own_c ON own_c.oid = dep.refobjid
LEFT JOIN pg_catalog.pg_namespace AS own_n ON own_n.oid = own_c.relnamespace
LEFT JOIN pg_catalog.pg_attribute AS own_a ON own_a.attrelid = dep.refobjid AND own_a.attnum = dep.refobjsubid
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
-- Extension members looked up from the extensions' side (a few rows), not with a second pg_depend probe per sequence.
LEFT JOIN (
  SELECT edep.objid, e.extname
  FROM pg_catalog.pg_extension AS e
  JOIN pg_catalog.pg_depend AS edep
    ON edep.refclassid = 'pg_catalog.pg_extension'::regclass AND edep.refobjid = e.oid
    AND edep.classid = 'pg_catalog.pg_class'::regclass AND edep.deptype = 'e'
) AS e ON e.objid = c.oid
WHERE c.relkind = 'S'
  AND c.relnamespace = ANY ($1::oid[])
  AND ($2::oid[] IS NULL OR c.oid <> ALL ($2::oid[]))
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C";
