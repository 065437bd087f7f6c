SELECT (SELECT quantity FROM app.orders WHERE id = 1) = 5::bigint
  AND (SELECT price_num FROM app.orders WHERE id = 1) = 2.50
  AND (SELECT sum(quantity) FROM app.order_sizes) = 25
  AND (SELECT count(*) FROM app.big_orders) = 1
  AND (SELECT code_num = 42 AND label = 'x' FROM app.items WHERE id = 1)
  AND (SELECT state FROM app.tickets WHERE id = 1) = 'shut'
  AND (SELECT spot_n FROM app.spots WHERE id = 1) IS NULL
  AND (SELECT total FROM app.child) = 7
  AND (SELECT total FROM app.parts_low) = 8 AS ok
