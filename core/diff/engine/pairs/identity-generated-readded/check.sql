SELECT array_agg(b ORDER BY a) = '{3,6}' AND array_agg(n ORDER BY a) = '{1,2}' AS ok FROM app.t;
