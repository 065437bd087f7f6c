-- Cancel the act-as sessions (application_name set by the act-as pools) busy in this database. The studio's own
-- backend is left alone. pg_cancel_backend answers false where the login may not signal that backend.
SELECT a.pid, pg_cancel_backend(a.pid) AS cancelled
FROM pg_stat_activity AS a
WHERE a.application_name = $1
  AND a.datname = current_database()
  AND a.state = 'active'
  AND a.pid <> pg_backend_pid()
