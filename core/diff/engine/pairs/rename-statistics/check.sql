SELECT (SELECT city FROM app.customers WHERE id = 1) = 'oslo' AS ok
