SELECT count(*) = 1 AS ok FROM app.people WHERE email = 'ANN@EXAMPLE.ORG' AND city = 'OSLO';
