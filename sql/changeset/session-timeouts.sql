-- The same timeouts for the statements that run after the transaction, each alone (reset afterwards).
SELECT
  pg_catalog.set_config('lock_timeout', $1, false) AS lock_timeout,
  pg_catalog.set_config('statement_timeout', $2, false) AS statement_timeout
