-- Cancel one act-as run: the backend whose pid the run reported, still an act-as session (application_name set by
-- the act-as pools) in this database. pg_cancel_backend answers false where the login may not signal that backend.
SELECT a.pid, pg_cancel_backend(a.pid) AS cancelled
FROM pg_stat_activity AS a
WHERE a.pid = $1
  AND a.application_name = $2
  AND a.datname = current_database()
  AND a.state = 'active'
  AND a.pid <> pg_backend_pid()
