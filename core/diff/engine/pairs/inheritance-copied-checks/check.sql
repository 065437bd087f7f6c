SELECT (SELECT count(*) FROM app.k) = 1 AND (SELECT count(*) FROM app.k_out) = 1
  AND (SELECT count(*) FROM app.e) = 1 AND (SELECT count(*) FROM app.e2) = 1 AS ok;
