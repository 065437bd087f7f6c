SELECT (SELECT count(*) FROM app.m) = 2 AS ok;
