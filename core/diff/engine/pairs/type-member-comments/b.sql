CREATE SCHEMA app;
-- Comments on composite attributes (COMMENT ON COLUMN type.attr) and domain constraints (COMMENT ON CONSTRAINT … ON
-- DOMAIN): set, changed, taken off, on members added, re-added, NOT VALID, and on types created or rebuilt.
CREATE TYPE app.c AS (x integer, y text, z integer);
COMMENT ON COLUMN app.c.x IS 'attr';
COMMENT ON COLUMN app.c.z IS 'new z';
CREATE DOMAIN app.d AS integer CONSTRAINT d_pos CHECK (VALUE > 0) CONSTRAINT d_small CHECK (VALUE < 50);
ALTER DOMAIN app.d ADD CONSTRAINT d_even CHECK (VALUE % 2 = 0) NOT VALID;
COMMENT ON CONSTRAINT d_small ON DOMAIN app.d IS 'small';
COMMENT ON CONSTRAINT d_even ON DOMAIN app.d IS 'even';
CREATE TYPE app.c2 AS (a integer);
COMMENT ON COLUMN app.c2.a IS 'a of c2';
CREATE DOMAIN app.d2 AS integer CONSTRAINT d2_chk CHECK (VALUE > 0);
ALTER DOMAIN app.d2 ADD CONSTRAINT d2_nv CHECK (VALUE < 9) NOT VALID;
COMMENT ON CONSTRAINT d2_chk ON DOMAIN app.d2 IS 'd2 check';
COMMENT ON CONSTRAINT d2_nv ON DOMAIN app.d2 IS 'd2 not valid';
CREATE TYPE app.c3 AS (q integer, p integer);
COMMENT ON COLUMN app.c3.q IS 'q';
CREATE DOMAIN app.d3 AS bigint CONSTRAINT d3_chk CHECK (VALUE > 0);
COMMENT ON CONSTRAINT d3_chk ON DOMAIN app.d3 IS 'd3';
