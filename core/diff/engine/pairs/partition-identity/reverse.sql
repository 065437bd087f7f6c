SELECT (SELECT count(*) FROM app.events_2024) = 0 AND (SELECT count(*) FROM app.events_2025) = 0
  AND (SELECT count(*) FROM app.events_2026) = 0 AND (SELECT count(*) FROM app.events_2027) = 0
  AND (SELECT count(*) FROM app.events_2028) = 0 AS ok;
