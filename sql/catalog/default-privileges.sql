-- ALTER DEFAULT PRIVILEGES entries (global, or for a schema of $1), one row per decoded grant.
-- An entry whose ACL is empty (everything revoked) still yields one row with NULL privilege.
SELECT
  pg_catalog.pg_get_userbyid(da.defaclrole) AS role,
  n.nspname AS schema,
  CASE da.defaclobjtype
    WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'
    WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas' WHEN 'L' THEN 'large_objects'
  END AS object_type,
  pg_catalog.pg_get_userbyid(x.grantor) AS grantor,
  x.grantee = 0 AS grantee_is_public,
  CASE WHEN x.grantee = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(x.grantee) END AS grantee,
  x.privilege_type AS privilege,
  x.is_grantable AS grantable
FROM pg_catalog.pg_default_acl AS da
LEFT JOIN pg_catalog.pg_namespace AS n ON n.oid = da.defaclnamespace
LEFT JOIN LATERAL aclexplode(da.defaclacl) AS x ON true
WHERE da.defaclnamespace = 0 OR da.defaclnamespace = ANY ($1::oid[])
ORDER BY pg_catalog.pg_get_userbyid(da.defaclrole) COLLATE "C", n.nspname COLLATE "C" NULLS FIRST, da.defaclobjtype;
