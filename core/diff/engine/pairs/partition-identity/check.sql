SELECT (SELECT count(*) FROM app.events_2024) = 1 AND (SELECT count(*) FROM app.events_2025) = 1
  AND (SELECT count(*) FROM app.events_2026) = 1 AND (SELECT count(*) FROM app.events_2027) = 1
  AND (SELECT count(*) FROM app.events_2028) = 1 AS ok;
