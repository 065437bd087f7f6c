-- Only run when pg_authid is readable: whether each role has a password. The hash itself is never read.
SELECT a.oid, a.rolpassword IS NOT NULL AS has_password
FROM pg_catalog.pg_authid AS a;
