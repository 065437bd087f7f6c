SELECT count(*) = 2 AND (SELECT count(*) FROM app.c) = 1 AS ok FROM app.t;
