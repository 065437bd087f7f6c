SELECT (SELECT name FROM app.customers WHERE id = 1) = 'ann'
  AND nextval('app.issues_id_seq') = 3
  AND nextval('app.marks_id_seq') = 2
  AND (SELECT amount FROM archive.ledger WHERE id = 1) = 5
  AND nextval('archive.ledger_id_seq') = 2
  AND (SELECT stage::text FROM app.posts) = 'sketch'
  AND (SELECT (at).postcode FROM app.homes) = '0150' AS ok
