SELECT (SELECT count(*) FROM app.m1) = 1 AS ok;
