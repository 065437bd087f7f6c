-- Live columns of the relations in the included schemas ($1), in attnum order per relation.
-- A generated column's expression lives in pg_attrdef too: it goes to "generation", not "default".
-- Storage, compression and statistics target come last, each null unless set: storage only where it is not the
-- type's default, compression only where attcompression names a method, the target only where it is not the
-- default (-1 before 17, NULL from 17). attoptions (n_distinct…) and a foreign table column's FDW options are null
-- unless one is set. "declared": an INHERITS child's column it has from a parent and declares too (attislocal and
-- attinhcount > 0); a partition's columns never are (ATTACH makes them inherited only).
SELECT
  a.attrelid AS relation_oid,
  a.attname AS name,
  a.attnum AS position,
  a.atttypid AS type_oid,
  -- Without a typmod the text is the type's own (type-names.sql has it): format only the others.
  CASE WHEN a.atttypmod <> -1 THEN pg_catalog.format_type(a.atttypid, a.atttypmod) END AS formatted_type,
  a.attnotnull AS not_null,
  -- A DEFAULT cannot name a column: deparsed without the relation, which spares opening and locking each one.
  CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, 0) END AS default_value,
  CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by_default' END AS identity,
  CASE a.attgenerated WHEN 's' THEN 'stored' WHEN 'v' THEN 'virtual' END AS generated,
  CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS generation,
  co.collname AS collation,
  d.description AS comment,
  CASE WHEN co.collnamespace <> 'pg_catalog'::regnamespace THEN co_n.nspname END AS collation_schema,
  CASE WHEN a.attstorage <> ty.typstorage THEN a.attstorage::text END AS storage,
  CASE WHEN a.attstorage <> ty.typstorage THEN ty.typstorage::text END AS type_storage,
  CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END AS compression,
  nullif(a.attstattarget::int, -1) AS statistics_target,
  a.attoptions AS options,
  a.attfdwoptions AS fdw_options,
  a.attislocal AND a.attinhcount > 0 AND NOT c.relispartition AS declared
FROM pg_catalog.pg_attribute AS a
JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
JOIN pg_catalog.pg_type AS ty ON ty.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef AS ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_collation AS co ON co.oid = a.attcollation AND a.attcollation <> 0
LEFT JOIN pg_catalog.pg_namespace AS co_n ON co_n.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = a.attrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum
WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
  AND c.relnamespace = ANY ($1::oid[])
  AND ($2::oid[] IS NULL OR c.oid = ANY ($2::oid[]))
  AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum;
