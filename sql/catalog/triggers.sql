-- User triggers (not the internal FK ones) of relations in $1.
-- tgtype bits: 1 ROW, 2 BEFORE, 4 INSERT, 8 DELETE, 16 UPDATE, 32 TRUNCATE, 64 INSTEAD.
SELECT
  t.tgrelid AS relation_oid,
  t.tgname AS name,
  CASE WHEN t.tgtype & 2 <> 0 THEN 'before' WHEN t.tgtype & 64 <> 0 THEN 'instead_of' ELSE 'after' END AS timing,
  array_remove(ARRAY[
    CASE WHEN t.tgtype & 4 <> 0 THEN 'insert' END,
    CASE WHEN t.tgtype & 16 <> 0 THEN 'update' END,
    CASE WHEN t.tgtype & 8 <> 0 THEN 'delete' END,
    CASE WHEN t.tgtype & 32 <> 0 THEN 'truncate' END
  ], NULL) AS events,
  CASE WHEN t.tgtype & 1 <> 0 THEN 'row' ELSE 'statement' END AS level,
  pn.nspname AS function_schema,
  p.proname AS function_name,
  pg_catalog.pg_get_function_identity_arguments(p.oid) AS function_args,
  CASE t.tgenabled WHEN 'O' THEN 'origin' WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica' ELSE 'always' END AS enabled,
  t.tgconstraint <> 0 AS is_constraint,
  pg_catalog.pg_get_triggerdef(t.oid) AS definition,
  d.description AS comment
FROM pg_catalog.pg_trigger AS t
JOIN pg_catalog.pg_class AS c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_proc AS p ON p.oid = t.tgfoid
JOIN pg_catalog.pg_namespace AS pn ON pn.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_trigger'::regclass AND d.objsubid = 0
-- Before 15 a partition's clone of its parent's trigger is internal: read it too (its enabled state may be its own),
-- leaving out the internal foreign key triggers (tgconstraint set).
WHERE (NOT t.tgisinternal OR (t.tgparentid <> 0 AND t.tgconstraint = 0))
  AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
  AND c.relnamespace = ANY ($1::oid[])
  AND ($2::oid[] IS NULL OR c.oid = ANY ($2::oid[]))
ORDER BY t.tgrelid, t.tgname COLLATE "C";
