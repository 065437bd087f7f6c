SELECT nextval(pg_get_serial_sequence('app.t', 'id')) = 3 AS ok;
