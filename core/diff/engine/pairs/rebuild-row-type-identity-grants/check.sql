SELECT (SELECT count(*) FROM app.shapes WHERE (corner).id = 7 AND (corner).x = 1 AND (corner).y = 2) = 1
  AND (SELECT count(*) FROM app.shapes WHERE corner IS NULL) = 1
  AND (SELECT x FROM app.point) = 1 AS ok;
