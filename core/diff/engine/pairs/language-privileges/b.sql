-- Language privileges (GRANT / REVOKE USAGE ON LANGUAGE): plpgsql back to its default, sql kept from PUBLIC and
-- given to a role with the grant option, which grants it on (the grant made as that role).
REVOKE USAGE ON LANGUAGE sql FROM PUBLIC;
GRANT USAGE ON LANGUAGE sql TO {{auth}} WITH GRANT OPTION;
SET ROLE {{auth}};
GRANT USAGE ON LANGUAGE sql TO {{anon}};
RESET ROLE;
