-- PG14/15: no per-grant INHERIT/SET options. INHERIT follows the member's rolinherit; SET ROLE is always allowed.
SELECT
  pg_catalog.pg_get_userbyid(m.roleid) AS role,
  pg_catalog.pg_get_userbyid(m.member) AS member,
  CASE WHEN m.grantor = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(m.grantor) END AS grantor,
  m.admin_option AS admin,
  coalesce(mr.rolinherit, true) AS inherit,
  true AS set,
  false AS options_from_server
FROM pg_catalog.pg_auth_members AS m
LEFT JOIN pg_catalog.pg_roles AS mr ON mr.oid = m.member
ORDER BY pg_catalog.pg_get_userbyid(m.roleid) COLLATE "C", pg_catalog.pg_get_userbyid(m.member) COLLATE "C",
  pg_catalog.pg_get_userbyid(m.grantor) COLLATE "C";
