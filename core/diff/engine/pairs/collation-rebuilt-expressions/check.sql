SELECT (SELECT label FROM app.tags WHERE id = 1) = 'none'
  AND app.same_word('x', 'X')
  AND app.count_label('NONE') = 1 AS ok;
