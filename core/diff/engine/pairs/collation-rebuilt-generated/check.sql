SELECT (SELECT folded FROM app.codes WHERE id = 1) = 'AB'
  AND (SELECT note FROM app.codes WHERE id = 1) = 'kept' AS ok;
