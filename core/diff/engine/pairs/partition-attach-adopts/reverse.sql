SELECT (SELECT count(*) FROM app.m2) = 1 AS ok;
