-- Publications of the current database (database-wide, in no schema): FOR ALL TABLES or not, what they publish,
-- whether partitions publish as their root, owner and comment. Their tables and schemas are read on their own.
SELECT
  p.oid,
  p.pubname AS name,
  pg_catalog.pg_get_userbyid(p.pubowner) AS owner,
  d.description AS comment,
  p.puballtables AS all_tables,
  p.pubinsert AS publish_insert,
  p.pubupdate AS publish_update,
  p.pubdelete AS publish_delete,
  p.pubtruncate AS publish_truncate,
  p.pubviaroot AS via_partition_root
FROM pg_catalog.pg_publication AS p
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_publication'::regclass AND d.objsubid = 0
ORDER BY p.pubname COLLATE "C";
