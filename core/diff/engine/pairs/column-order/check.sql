SELECT (SELECT string_agg(name, ',' ORDER BY id) FROM app.accounts) = 'ann,bob'
   AND (SELECT count(*) FROM app.logins WHERE account_id IS NOT NULL) = 2 AS ok
