-- PG16+: membership options are stored per grant.
SELECT
  pg_catalog.pg_get_userbyid(m.roleid) AS role,
  pg_catalog.pg_get_userbyid(m.member) AS member,
  CASE WHEN m.grantor = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(m.grantor) END AS grantor,
  m.admin_option AS admin,
  m.inherit_option AS inherit,
  m.set_option AS set,
  true AS options_from_server
FROM pg_catalog.pg_auth_members AS m
ORDER BY pg_catalog.pg_get_userbyid(m.roleid) COLLATE "C", pg_catalog.pg_get_userbyid(m.member) COLLATE "C",
  pg_catalog.pg_get_userbyid(m.grantor) COLLATE "C";
