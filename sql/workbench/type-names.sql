-- The names of result column types, as psql prints them ($1: type OIDs).
SELECT t.oid::int AS oid, pg_catalog.format_type(t.oid, NULL) AS name
FROM pg_catalog.unnest($1::oid[]) AS t(oid);
