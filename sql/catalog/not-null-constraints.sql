-- PostgreSQL 18+: the NOT NULL constraints of the relations in $1 (pg_constraint contype 'n', one per column),
-- which have a name there, may be NOT VALID or NO INHERIT, and may be only inherited (conislocal false: a
-- partition's always is, its name following its parent's rename).
SELECT
  con.conrelid AS relation_oid,
  con.conkey[1] AS position,
  con.conname AS name,
  con.convalidated AS validated,
  con.connoinherit AS no_inherit,
  con.conislocal AS local
FROM pg_catalog.pg_constraint AS con
JOIN pg_catalog.pg_class AS c ON c.oid = con.conrelid
WHERE con.contype = 'n'
  AND c.relkind IN ('r', 'p', 'f')
  AND c.relnamespace = ANY ($1::oid[])
  AND ($2::oid[] IS NULL OR c.oid = ANY ($2::oid[]))
ORDER BY con.conrelid, con.conkey[1];
