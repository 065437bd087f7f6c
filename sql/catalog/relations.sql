-- Tables, views, materialized views, partitioned and foreign tables of the included schemas ($1).
-- pg_relation_is_updatable bits: 4 = UPDATE, 8 = INSERT, 16 = DELETE (PostgREST reads the same bits).
-- reltuples < 0 means never vacuumed/analysed (PG14+).
SELECT
  c.oid,
  n.nspname AS schema,
  c.relname AS name,
  CASE c.relkind
    WHEN 'r' THEN 'table'
    WHEN 'v' THEN 'view'
    WHEN 'm' THEN 'materialized_view'
    WHEN 'p' THEN 'partitioned_table'
    WHEN 'f' THEN 'foreign_table'
  END AS kind,
  pg_catalog.pg_get_userbyid(c.relowner) AS owner,
  d.description AS comment,
  c.relrowsecurity AS rls_enabled,
  c.relforcerowsecurity AS rls_forced,
  CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END AS view_definition,
  coalesce(c.reloptions, '{}') AS options,
  CASE WHEN c.relkind = 'v' OR (c.relkind = 'f' AND fdw.fdwhandler <> 0)
         THEN pg_catalog.pg_relation_is_updatable(c.oid, true)
       WHEN c.relkind IN ('r', 'p') THEN 28
       ELSE 0 END AS updatable_bits,
  pn.nspname AS partition_of_schema,
  pc.relname AS partition_of_name,
  CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
  CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key,
  CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::float8 END AS estimated_rows,
  c.reltype AS row_type_oid,
  e.extname AS extension,
  -- Plain (non-partition) inheritance parents, in INHERITS order.
  coalesce((SELECT pg_catalog.array_agg(ARRAY[ipn.nspname::text, ipc.relname::text] ORDER BY ih.inhseqno)
            FROM pg_catalog.pg_inherits AS ih
            JOIN pg_catalog.pg_class AS ipc ON ipc.oid = ih.inhparent
            JOIN pg_catalog.pg_namespace AS ipn ON ipn.oid = ipc.relnamespace
            WHERE ih.inhrelid = c.oid AND NOT c.relispartition), '{}'::text[]) AS inherits,
  fs.srvname AS foreign_server,
  coalesce(ft.ftoptions, '{}') AS foreign_options,
  c.relpersistence = 'u' AS unlogged,
  CASE c.relreplident WHEN 'n' THEN 'nothing' WHEN 'f' THEN 'full' WHEN 'i' THEN 'index' END AS replica_identity,
  CASE WHEN c.relreplident = 'i' THEN
    (SELECT ri.relname FROM pg_catalog.pg_index AS x JOIN pg_catalog.pg_class AS ri ON ri.oid = x.indexrelid
     WHERE x.indrelid = c.oid AND x.indisreplident)
  END AS replica_index,
  -- The index CLUSTER uses (ALTER TABLE … CLUSTER ON); at most one is marked.
  (SELECT ci.relname FROM pg_catalog.pg_index AS x JOIN pg_catalog.pg_class AS ci ON ci.oid = x.indexrelid
   WHERE x.indrelid = c.oid AND x.indisclustered) AS cluster_index,
  -- The TOAST table's own storage parameters (toast.* in WITH / SET).
  tc.reloptions AS toast_options,
  -- A typed table's composite type (CREATE TABLE … OF type).
  otn.nspname AS of_type_schema,
  ot.typname AS of_type_name
FROM pg_catalog.pg_class AS c
JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
-- Asking a foreign table whose wrapper has no handler would raise an error: such tables are read-only.
LEFT JOIN pg_catalog.pg_foreign_table AS ft ON ft.ftrelid = c.oid
LEFT JOIN pg_catalog.pg_foreign_server AS fs ON fs.oid = ft.ftserver
LEFT JOIN pg_catalog.pg_foreign_data_wrapper AS fdw ON fdw.oid = fs.srvfdw
LEFT JOIN pg_catalog.pg_inherits AS i ON c.relispartition AND i.inhrelid = c.oid
LEFT JOIN pg_catalog.pg_class AS pc ON pc.oid = i.inhparent
LEFT JOIN pg_catalog.pg_namespace AS pn ON pn.oid = pc.relnamespace
LEFT JOIN pg_catalog.pg_class AS tc ON tc.oid = c.reltoastrelid AND c.reltoastrelid <> 0
LEFT JOIN pg_catalog.pg_type AS ot ON ot.oid = c.reloftype AND c.reloftype <> 0
LEFT JOIN pg_catalog.pg_namespace AS otn ON otn.oid = ot.typnamespace
-- Extension members looked up from the extensions' side (a few rows), not by probing pg_depend per relation.
LEFT JOIN (
  SELECT dep.objid, e.extname
  FROM pg_catalog.pg_extension AS e
  JOIN pg_catalog.pg_depend AS dep
    ON dep.refclassid = 'pg_catalog.pg_extension'::regclass AND dep.refobjid = e.oid
    AND dep.classid = 'pg_catalog.pg_class'::regclass AND dep.objsubid = 0 AND dep.deptype = 'e'
) AS e ON e.objid = c.oid
WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
  AND c.relnamespace = ANY ($1::oid[])
  AND ($2::oid[] IS NULL OR c.oid = ANY ($2::oid[]))
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C";
