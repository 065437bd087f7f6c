-- CHECK constraints of domains in $1 (NOT NULL is the domain's own flag, the same on every version).
SELECT
  con.contypid AS type_oid,
  con.conname AS name,
  pg_catalog.pg_get_constraintdef(con.oid) AS definition,
  con.convalidated AS validated,
  d.description AS comment
FROM pg_catalog.pg_constraint AS con
JOIN pg_catalog.pg_type AS t ON t.oid = con.contypid
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = con.oid AND d.classoid = 'pg_catalog.pg_constraint'::regclass AND d.objsubid = 0
WHERE con.contypid <> 0
  AND con.contype = 'c'
  AND t.typnamespace = ANY ($1::oid[])
ORDER BY con.contypid, con.conname COLLATE "C";
