SELECT (SELECT g FROM app.sized WHERE id = 1) = 42
  AND (SELECT note FROM app.sized WHERE id = 1) = 'x'
  AND (SELECT (b).z FROM app.boxes) = 5
  AND (SELECT l::text FROM app.graded) = 'high'
  AND (SELECT (p).n FROM app.graded) = 2
  AND (SELECT count(*) FROM app.readings) = 1 AS ok;
