SELECT (SELECT count(*) FROM app.m) = 3 AND (SELECT count(*) FROM app.n) = 2 AND (SELECT count(*) FROM app.n3) = 1
  AS ok;
