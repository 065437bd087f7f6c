-- SET LOCAL lock_timeout / statement_timeout for the change set's transaction, values as parameters ($1, $2).
SELECT
  pg_catalog.set_config('lock_timeout', $1, true) AS lock_timeout,
  pg_catalog.set_config('statement_timeout', $2, true) AS statement_timeout
