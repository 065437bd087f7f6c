SELECT count(*) = 2 AS ok FROM app.t;
