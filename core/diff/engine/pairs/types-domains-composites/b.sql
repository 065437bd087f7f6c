CREATE SCHEMA app;
CREATE DOMAIN app.positive AS integer DEFAULT 1 NOT NULL CONSTRAINT positive_check CHECK (VALUE > 0) CONSTRAINT positive_small CHECK (VALUE < 1000000);
CREATE DOMAIN app.email AS text CHECK (VALUE LIKE '%@%');
CREATE TYPE app.point2 AS (x integer, y integer, z integer);
CREATE TYPE app.span AS RANGE (SUBTYPE = integer);
CREATE TABLE app.shapes (id app.positive, corner app.point2, contact app.email, during app.span);
