SELECT count(*) = 1 AS ok FROM app.t1 WHERE x = 1 AND y = 'a';
