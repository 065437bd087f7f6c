SELECT (SELECT count(*) FROM app.m) = 1 AND (SELECT count(*) FROM app.m3) = 1 AS ok;
