-- Every object ACL of the database, as aclitem[] text. A NULL ACL means PostgreSQL's built-in defaults apply
-- (owner: everything; PUBLIC: EXECUTE on functions, USAGE on types and on trusted languages, CONNECT and
-- TEMPORARY on the database): acldefault() spells those out and "implicit" marks them. Languages are
-- database-wide like the database; only trusted ones take grants (an untrusted one's USAGE is a superuser's).
-- The reader decodes the text (`grantee=privileges/grantor` items, role names quoted as aclitemout quotes
-- them, `*` after a privilege letter granted WITH GRANT OPTION): aclexplode and re-packing its rows here cost
-- the server twice as much as the whole rest of this query.
-- No ORDER BY: the reader orders the objects (a few thousand) and each object's few grants, which is far
-- cheaper than sorting every decoded row by names here.
WITH objects AS (
  SELECT CASE WHEN c.relkind = 'S' THEN 'sequence' ELSE 'relation' END AS kind, c.oid,
         coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner)) AS acl,
         c.relacl IS NULL AS implicit
  FROM pg_catalog.pg_class AS c
  WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f', 'S') AND c.relnamespace = ANY ($1::oid[])
    -- Relations not read ($2 lists those read, when not all) and their sequences ($3) are left out.
    AND ($2::oid[] IS NULL OR c.oid = ANY ($2::oid[]) OR c.relkind = 'S')
    AND ($3::oid[] IS NULL OR c.oid <> ALL ($3::oid[]))
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
  UNION ALL
  SELECT 'language', l.oid, coalesce(l.lanacl, acldefault('l', l.lanowner)), l.lanacl IS NULL
  FROM pg_catalog.pg_language AS l
  WHERE l.lanpltrusted
),
packed AS (
  SELECT o.kind, o.oid, NULL::text AS column_name, o.implicit, o.acl
  FROM objects AS o
  UNION ALL
  -- Column privileges exist only where granted explicitly: a NULL attacl adds nothing to the table's ACL.
  SELECT 'column', a.attrelid, a.attname, false, a.attacl
  FROM pg_catalog.pg_attribute AS a
  JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
  WHERE a.attacl IS NOT NULL
    AND a.attnum > 0
    AND NOT a.attisdropped
    AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
    AND c.relnamespace = ANY ($1::oid[])
    AND ($2::oid[] IS NULL OR c.oid = ANY ($2::oid[]))
)
-- One row per object with its whole ACL: 80,000 single-grant rows cost the client far more to receive than a
-- row per object. An empty ACL (everything revoked) is skipped.
SELECT kind, oid, column_name, implicit, acl::text AS acl
FROM packed
WHERE pg_catalog.cardinality(acl) > 0;
