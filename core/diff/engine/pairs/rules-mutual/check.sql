-- The rebuilt pair kept their rows (one each: r1's insert rule copied its row into r2), and the rules work.
SELECT (SELECT count(*) FROM app.r1) = 1 AND (SELECT count(*) FROM app.r2) = 1 AS ok;
