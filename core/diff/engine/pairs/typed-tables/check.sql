SELECT (SELECT count(*) = 1 FROM app.t1 WHERE x = 1 AND y = 'a')
  AND (SELECT at = '2020-01-01' AND what = 'w' FROM app.events WHERE id = 1)
  AND (SELECT at IS NULL AND what = 'w' FROM app.other_events WHERE id = 1)
  AND (SELECT count(*) FROM app.event_whats) = 1 AS ok
