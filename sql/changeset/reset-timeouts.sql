-- Back to the session's own timeouts once the statements after the transaction have run.
RESET lock_timeout;
RESET statement_timeout;
