SELECT count(*) = 1 AS ok FROM app.names WHERE name = 'ANN';
