-- Extended statistics objects of the included schemas ($1), with their table, kinds (as CREATE STATISTICS names
-- them), columns, expressions and statistics target (null: the default, -1 before 17, NULL from 17), and the
-- definition pg_get_statisticsobjdef writes.
SELECT
  n.nspname AS schema,
  s.stxname AS name,
  tn.nspname AS table_schema,
  t.relname AS table_name,
  pg_catalog.pg_get_userbyid(s.stxowner) AS owner,
  ARRAY(
    SELECT CASE k WHEN 'd' THEN 'ndistinct' WHEN 'f' THEN 'dependencies' WHEN 'm' THEN 'mcv' ELSE 'expressions' END
    FROM pg_catalog.unnest(s.stxkind) WITH ORDINALITY AS x (k, i) ORDER BY i
  ) AS kinds,
  ARRAY(
    SELECT a.attname::text
    FROM pg_catalog.unnest(s.stxkeys) WITH ORDINALITY AS x (attnum, i)
    JOIN pg_catalog.pg_attribute AS a ON a.attrelid = s.stxrelid AND a.attnum = x.attnum
    ORDER BY i
  ) AS columns,
  coalesce(pg_catalog.pg_get_statisticsobjdef_expressions(s.oid), '{}') AS expressions,
  nullif(s.stxstattarget::int, -1) AS target,
  pg_catalog.pg_get_statisticsobjdef(s.oid) AS definition,
  d.description AS comment
FROM pg_catalog.pg_statistic_ext AS s
JOIN pg_catalog.pg_namespace AS n ON n.oid = s.stxnamespace
JOIN pg_catalog.pg_class AS t ON t.oid = s.stxrelid
JOIN pg_catalog.pg_namespace AS tn ON tn.oid = t.relnamespace
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = s.oid AND d.classoid = 'pg_catalog.pg_statistic_ext'::regclass AND d.objsubid = 0
WHERE s.stxnamespace = ANY ($1::oid[])
ORDER BY n.nspname COLLATE "C", s.stxname COLLATE "C";
