SELECT count(*) = 1 AND min(nick) = 'annie' AS ok FROM app.people WHERE email = 'ANN@example.org';
