SELECT string_agg(format('%s %s %s', id, p, ps), '; ' ORDER BY id)
  = '1 (2,1,) {"(2,1,)","(4,3,)"}; 2  {}; 3 (6,5,) ; 4 (8,7,) [0:1]={"(10,9,)",NULL}' AS ok
FROM app.t;
