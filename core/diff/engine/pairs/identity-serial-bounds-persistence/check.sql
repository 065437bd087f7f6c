SELECT nextval(pg_get_serial_sequence('app.t', 'id')) = 4
  AND (SELECT last_value FROM app.narrow) = 100
  AND (SELECT last_value FROM app.kept) = 5
  AND nextval('app.down') = -1 AS ok;
