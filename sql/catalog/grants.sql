-- Every object ACL of the database, decoded with aclexplode in one pass. A NULL ACL means PostgreSQL's
-- built-in defaults apply (owner: everything; PUBLIC: EXECUTE on functions, USAGE on types, CONNECT and
-- TEMPORARY on the database): acldefault() spells those out and "implicit" marks them.
-- Objects are returned by kind and OID; the reader maps them to references. Grantee 0 is PUBLIC.
WITH objects AS (
  SELECT CASE WHEN c.relkind = 'S' THEN 'sequence' ELSE 'relation' END AS kind, c.oid,
         coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner)) AS acl,
         c.relacl IS NULL AS implicit
  FROM pg_catalog.pg_class AS c
  WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f', 'S') AND c.relnamespace = ANY ($1::oid[])
  UNION ALL
  SELECT 'schema', n.oid, coalesce(n.nspacl, acldefault('n', n.nspowner)), n.nspacl IS NULL
  FROM pg_catalog.pg_namespace AS n
  WHERE n.oid = ANY ($1::oid[])
  UNION ALL
  SELECT 'function', p.oid, coalesce(p.proacl, acldefault('f', p.proowner)), p.proacl IS NULL
  FROM pg_catalog.pg_proc AS p
  WHERE p.pronamespace = ANY ($1::oid[])
  UNION ALL
  SELECT 'type', t.oid, coalesce(t.typacl, acldefault('T', t.typowner)), t.typacl IS NULL
  FROM pg_catalog.pg_type AS t
  LEFT JOIN pg_catalog.pg_class AS rc ON rc.oid = t.typrelid
  WHERE t.typnamespace = ANY ($1::oid[])
    AND (t.typrelid = 0 OR rc.relkind = 'c')
    AND t.typtype <> 'p'
    AND t.typsubscript <> 'pg_catalog.array_subscript_handler'::regproc
  UNION ALL
  SELECT 'database', d.oid, coalesce(d.datacl, acldefault('d', d.datdba)), d.datacl IS NULL
  FROM pg_catalog.pg_database AS d
  WHERE d.datname = current_database()
)
SELECT
  o.kind,
  o.oid,
  NULL::text AS column_name,
  pg_catalog.pg_get_userbyid(x.grantor) AS grantor,
  CASE WHEN x.grantee = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(x.grantee) END AS grantee,
  x.privilege_type AS privilege,
  x.is_grantable AS grantable,
  o.implicit
FROM objects AS o
CROSS JOIN LATERAL aclexplode(o.acl) AS x
UNION ALL
-- Column privileges exist only where granted explicitly: a NULL attacl adds nothing to the table's ACL.
SELECT
  'column',
  a.attrelid,
  a.attname,
  pg_catalog.pg_get_userbyid(x.grantor),
  CASE WHEN x.grantee = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(x.grantee) END,
  x.privilege_type,
  x.is_grantable,
  false
FROM pg_catalog.pg_attribute AS a
JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
CROSS JOIN LATERAL aclexplode(a.attacl) AS x
WHERE a.attacl IS NOT NULL
  AND a.attnum > 0
  AND NOT a.attisdropped
  AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
  AND c.relnamespace = ANY ($1::oid[]);
