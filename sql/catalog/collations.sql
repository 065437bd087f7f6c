-- Collations of the included schemas ($1). The locale columns moved between majors (colliculocale 15–16,
-- colllocale 17+, collicurules 16+), so they are read from the row as JSON: one file for 14–18. For ICU and
-- builtin collations the locale is colllocale / colliculocale, or collcollate on 14; libc's are collcollate and
-- collctype. Those an extension created (pg_depend 'e') come and go with it. The OID resolves dependencies.sql's
-- edges to collations (not kept in the model).
SELECT
  co.oid,
  n.nspname AS schema,
  co.collname AS name,
  pg_catalog.pg_get_userbyid(co.collowner) AS owner,
  CASE co.collprovider WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin' ELSE 'libc' END AS provider,
  co.collisdeterministic AS deterministic,
  CASE WHEN co.collprovider IN ('i', 'b') THEN
    coalesce(pg_catalog.to_jsonb(co) ->> 'colllocale', pg_catalog.to_jsonb(co) ->> 'colliculocale', co.collcollate::text)
  END AS locale,
  CASE WHEN co.collprovider NOT IN ('i', 'b') THEN co.collcollate::text END AS lc_collate,
  CASE WHEN co.collprovider NOT IN ('i', 'b') THEN co.collctype::text END AS lc_ctype,
  pg_catalog.to_jsonb(co) ->> 'collicurules' AS icu_rules,
  co.collversion AS version,
  d.description AS comment,
  e.extname AS extension
FROM pg_catalog.pg_collation AS co
JOIN pg_catalog.pg_namespace AS n ON n.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = co.oid AND d.classoid = 'pg_catalog.pg_collation'::regclass AND d.objsubid = 0
LEFT JOIN pg_catalog.pg_depend AS dep
  ON dep.classid = 'pg_catalog.pg_collation'::regclass AND dep.objid = co.oid AND dep.deptype = 'e'
LEFT JOIN pg_catalog.pg_extension AS e ON e.oid = dep.refobjid
WHERE co.collnamespace = ANY ($1::oid[])
ORDER BY n.nspname COLLATE "C", co.collname COLLATE "C";
