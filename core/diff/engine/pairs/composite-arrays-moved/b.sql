CREATE SCHEMA app;
CREATE TYPE app.pt AS (y int, x int, z int);
CREATE TABLE app.t (id int, p app.pt, ps app.pt[]);
INSERT INTO app.t VALUES (5, ROW(2, 1, 0), ARRAY[ROW(4, 3, 0)::app.pt]);
