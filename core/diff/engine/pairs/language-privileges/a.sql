-- plpgsql kept from PUBLIC and given to one role; sql as PostgreSQL makes it (USAGE to PUBLIC, a NULL ACL).
REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC;
GRANT USAGE ON LANGUAGE plpgsql TO {{anon}};
