SELECT (SELECT count(*) FROM app.orders) = 1
  AND (SELECT count(*) FROM app.uses) = 1
  AND (SELECT note FROM app.ledger WHERE k = 5) = 'five'
  AND (SELECT count(*) FROM app.sites) = 2 AS ok;
