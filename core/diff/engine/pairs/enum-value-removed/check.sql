SELECT count(*) = 1 AND bool_and(status = 'done') AS ok FROM app.tasks
