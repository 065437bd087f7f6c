-- B → A: p, q, w and wv go (their rules first), a, b, t, v, y come back, r1 and r2 are rebuilt again with their rows.
SELECT (SELECT count(*) FROM app.r1) = 1 AND (SELECT count(*) FROM app.r2) = 1 AS ok;
