-- Schemas of $1 whose tables publications take (FOR TABLES IN SCHEMA, pg_publication_namespace), PostgreSQL 15+.
SELECT
  pn.pnpubid AS publication_oid,
  n.nspname AS schema
FROM pg_catalog.pg_publication_namespace AS pn
JOIN pg_catalog.pg_namespace AS n ON n.oid = pn.pnnspid
WHERE pn.pnnspid = ANY ($1::oid[])
ORDER BY pn.pnpubid, n.nspname COLLATE "C";
