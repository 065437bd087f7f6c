-- Every object ACL of the database, decoded with aclexplode in one pass. A NULL ACL means PostgreSQL's
-- built-in defaults apply (owner: everything; PUBLIC: EXECUTE on functions, USAGE on types, CONNECT and
-- TEMPORARY on the database): acldefault() spells those out and "implicit" marks them.
-- Objects come back by kind and OID, grantor and grantee as role OIDs (0 = PUBLIC) that the reader names
-- from the role list: naming 80,000 rows with pg_get_userbyid here would cost more than the rest.
-- No ORDER BY: the reader orders the objects (a few thousand) and each object's few grants, which is far
-- cheaper than sorting every decoded row by names here.
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
),
packed AS (
  SELECT o.kind, o.oid, NULL::text AS column_name, o.implicit, a.acl
  FROM objects AS o
  CROSS JOIN LATERAL (
    SELECT string_agg(x.grantee || ',' || x.grantor || ',' || x.privilege_type || ','
                      || CASE WHEN x.is_grantable THEN 't' ELSE 'f' END, ';') AS acl
    FROM aclexplode(o.acl) AS x
  ) AS a
  UNION ALL
  -- Column privileges exist only where granted explicitly: a NULL attacl adds nothing to the table's ACL.
  SELECT 'column', a.attrelid, a.attname, false, p.acl
  FROM pg_catalog.pg_attribute AS a
  JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
  CROSS JOIN LATERAL (
    SELECT string_agg(x.grantee || ',' || x.grantor || ',' || x.privilege_type || ','
                      || CASE WHEN x.is_grantable THEN 't' ELSE 'f' END, ';') AS acl
    FROM aclexplode(a.attacl) AS x
  ) AS p
  WHERE a.attacl IS NOT NULL
    AND a.attnum > 0
    AND NOT a.attisdropped
    AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
    AND c.relnamespace = ANY ($1::oid[])
)
-- One row per object: its decoded grants packed as `grantee,grantor,privilege,grantable` items joined by
-- ';' (OIDs, privilege words and t/f need no escaping). 80,000 single-grant rows cost the client far more to
-- receive than a row per object. An empty ACL (everything revoked) packs to NULL and is skipped.
SELECT kind, oid, column_name, implicit, acl
FROM packed
WHERE acl IS NOT NULL;
