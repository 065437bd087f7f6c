-- Whether the current transaction has written anything: PostgreSQL assigns a transaction id on the first
-- write (rows, catalog rows of DDL), never for reads; sequences are not transactional and do not count.
SELECT pg_catalog.pg_current_xact_id_if_assigned() IS NOT NULL AS wrote;
