-- The outcomes sql/rls/probe.sql left in the transaction.
select current_setting('gatehouse.rls_results')::json as results
