-- CHECK constraints of domains in $1, and from PostgreSQL 17 their NOT NULL constraint (which has a name there;
-- NOT NULL itself is the domain's own flag, typnotnull, the same on every version).
SELECT
  con.contypid AS type_oid,
  con.conname AS name,
  con.contype = 'n' AS not_null,
  pg_catalog.pg_get_constraintdef(con.oid) AS definition,
  con.convalidated AS validated,
  d.description AS comment
FROM pg_catalog.pg_constraint AS con
JOIN pg_catalog.pg_type AS t ON t.oid = con.contypid
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = con.oid AND d.classoid = 'pg_catalog.pg_constraint'::regclass AND d.objsubid = 0
WHERE con.contypid <> 0
  AND con.contype IN ('c', 'n')
  AND t.typnamespace = ANY ($1::oid[])
ORDER BY con.contypid, con.conname COLLATE "C";
