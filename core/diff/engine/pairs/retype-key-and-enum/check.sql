SELECT (SELECT s::text FROM app.t WHERE id = 1) = 'off' AND (SELECT count(*) FROM app.m) = 1 AS ok;
