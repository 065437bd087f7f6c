SELECT (SELECT name FROM app.customers WHERE id = 1) = 'ann' AS ok
