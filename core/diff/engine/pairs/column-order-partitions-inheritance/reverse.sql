-- B → A: the same rows, each where it was, in the orders A has.
SELECT (SELECT string_agg(concat_ws(':', d, v, w), ',' ORDER BY d) FROM app.m) = '1:a:1,15:b:2'
   AND (SELECT string_agg(concat_ws(':', d, v, w), ',') FROM app.m2) = '15:b:2'
   AND (SELECT string_agg(concat_ws(':', k, a, b), ',' ORDER BY k) FROM app.q) = '1:x:y,2:z:w'
   AND (SELECT string_agg(concat_ws(':', id, created), ',') FROM ONLY app.base) = '1:2024-01-01'
   AND (SELECT string_agg(concat_ws(':', id, created, note), ',') FROM ONLY app.leaf) = '2:2024-01-02:n'
   AND (SELECT string_agg(concat_ws(':', id, created, extra), ',') FROM app.leaf2) = '3:2024-01-03:7'
   AND (SELECT string_agg(concat_ws(':', id, note, more), ',') FROM app.deep) = '4:n4:m4'
   AND (SELECT string_agg(concat_ws(':', x, id, created), ',') FROM app.side) = '50:5:2024-01-05'
   AND (SELECT count(*) FROM app.base) = 5
   AND (SELECT count(*) FROM app.everyone) = 5
   AND (SELECT count(*) FROM app.q_ref) = 1
   AS ok;
