SELECT string_agg(format('%s %s %s', id, p, ps), '; ' ORDER BY id) = '5 (1,2) {"(3,4)"}' AS ok FROM app.t;
