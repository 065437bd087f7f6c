-- Range types of $1 with the options CREATE TYPE … AS RANGE (SUBTYPE = …) would not give by itself: a collation
-- other than the subtype's, a subtype operator class other than its default one, a canonical or subtype_diff
-- function (regproc text, qualified unless in pg_catalog); and every range's multirange type by name, which the
-- reader keeps only where it is not the default name.
SELECT
  rg.rngtypid AS type_oid,
  co_n.nspname AS collation_schema,
  co.collname AS collation_name,
  CASE WHEN NOT opc.opcdefault THEN opc_n.nspname END AS opclass_schema,
  CASE WHEN NOT opc.opcdefault THEN opc.opcname END AS opclass_name,
  CASE WHEN rg.rngcanonical <> 0 THEN rg.rngcanonical::regproc::text END AS canonical,
  CASE WHEN rg.rngsubdiff <> 0 THEN rg.rngsubdiff::regproc::text END AS subtype_diff,
  mt_n.nspname AS multirange_schema,
  mt.typname AS multirange_name
FROM pg_catalog.pg_range AS rg
JOIN pg_catalog.pg_type AS t ON t.oid = rg.rngtypid
JOIN pg_catalog.pg_type AS st ON st.oid = rg.rngsubtype
JOIN pg_catalog.pg_opclass AS opc ON opc.oid = rg.rngsubopc
JOIN pg_catalog.pg_namespace AS opc_n ON opc_n.oid = opc.opcnamespace
LEFT JOIN pg_catalog.pg_collation AS co ON co.oid = rg.rngcollation AND rg.rngcollation <> st.typcollation
LEFT JOIN pg_catalog.pg_namespace AS co_n ON co_n.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_type AS mt ON mt.oid = rg.rngmultitypid
LEFT JOIN pg_catalog.pg_namespace AS mt_n ON mt_n.oid = mt.typnamespace
WHERE t.typnamespace = ANY ($1::oid[])
ORDER BY rg.rngtypid;
