-- The database being read (other databases are out of scope except in role settings).
SELECT
  d.oid,
  d.datname AS name,
  pg_catalog.pg_get_userbyid(d.datdba) AS owner,
  pg_catalog.pg_encoding_to_char(d.encoding) AS encoding,
  d.datcollate AS collate,
  d.datctype AS ctype,
  pg_catalog.shobj_description(d.oid, 'pg_database') AS comment,
  d.datconnlimit AS connection_limit,
  d.datallowconn AS allow_connections
FROM pg_catalog.pg_database AS d
WHERE d.datname = current_database();
