-- Cancels the statement of one workbench session: that backend only, and only while it is a workbench
-- session of the same user ($1: pid, $2: application_name). Returns one row per signalled backend.
SELECT a.pid, pg_catalog.pg_cancel_backend(a.pid) AS cancelled
FROM pg_catalog.pg_stat_activity AS a
WHERE a.pid = $1
  AND a.application_name = $2
  AND a.usename = current_user;
