SELECT count(*) = 1 AS ok FROM app.rebuilt;
