SELECT (SELECT total FROM core.orders WHERE id = 1) = 10
  AND (SELECT count(*) FROM core.orders) = 2
  AND nextval('core.orders_id_seq') = 3
  AND (SELECT string_agg(label, ',' ORDER BY id) FROM core.items) = 'pen,ink'
  AND nextval('core.items_id_seq') = 3
  AND (SELECT body FROM core.memos WHERE id = 1) = 'hi'
  AND (SELECT name || ' ' || level::text FROM core.tasks) = 'wash high'
  AND core.hello('you') = 'hi you'
  AND (SELECT note FROM ship.legacy) = 'old'
  AND nextval('ship.legacy_id_seq') = 2
  AND (SELECT stage::text FROM ship.shipments WHERE order_id = 1) = 'live'
  AND core.orders_in('live') = 1
  AND (SELECT twice FROM core.events) = 2
  AND nextval('core.tickets') = 101
  AND (SELECT (p).s::text FROM core.tickets_t) = 'live'
  AND (SELECT of_table FROM core.tickets_t) = 'core.orders'::regclass AS ok
