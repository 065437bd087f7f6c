-- A composite whose attributes change place while columns store it and arrays of it: the values move field by field,
-- by name, and the arrays element by element through a function of the migration's session (bounds, NULL
-- elements, empty and NULL arrays kept).
CREATE SCHEMA app;
CREATE TYPE app.pt AS (x int, y int);
CREATE TABLE app.t (id int, p app.pt, ps app.pt[]);
INSERT INTO app.t VALUES
  (1, ROW(1, 2), ARRAY[ROW(1, 2)::app.pt, ROW(3, 4)::app.pt]),
  (2, NULL, '{}'),
  (3, ROW(5, 6), NULL),
  (4, ROW(7, 8), '[0:1]={"(9,10)",NULL}');
