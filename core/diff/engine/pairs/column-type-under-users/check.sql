SELECT array_agg(g ORDER BY id) = '{2,6}' AND app.total() = 6 AS ok FROM app.t;
