SELECT (SELECT count(*) FROM app.people WHERE nick = 'ANNIE') = 1
  AND (SELECT count(*) FROM app.staff WHERE w = 'TISCH') = 1
  AND (SELECT count(*) FROM app.slots WHERE s = '[a,m)' AND (p).a = 'x') = 1 AS ok;
