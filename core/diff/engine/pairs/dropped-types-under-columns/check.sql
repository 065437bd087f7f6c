SELECT (SELECT k FROM app.t WHERE id = 1) = 'b' AS ok;
