SELECT (SELECT y FROM app.points WHERE x = 1) = 'a'
  AND (SELECT z FROM app.points WHERE x = 2) = 4
  AND (SELECT count(*) FROM app.point_names) = 2
  AND (SELECT count(*) FROM app.point_refs) = 1
  AND (SELECT (p).y = 'a' AND (p).z = 3 AND (p).x = 1 FROM app.snapshots WHERE id = 1)
  AND (SELECT p IS NULL FROM app.snapshots WHERE id = 2)
  AND (SELECT amount FROM app.payments) = 12.5
  AND (SELECT count(*) FROM app.big_payments) = 1
  AND (SELECT (m).amount FROM app.payment_log) = 7
  AND (SELECT lo = 1 AND hi = 5 AND mid IS NULL FROM app.spans)
  AND (SELECT id FROM app.tags) = 7
  AND (SELECT lvl FROM app.readings) = 'high' AS ok
