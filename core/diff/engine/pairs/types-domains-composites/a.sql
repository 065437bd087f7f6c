CREATE SCHEMA app;
CREATE DOMAIN app.positive AS integer CHECK (VALUE > 0);
CREATE DOMAIN app.email AS text;
CREATE TYPE app.point2 AS (x integer, y integer);
CREATE TABLE app.shapes (id app.positive, corner app.point2, contact app.email);
