CREATE SCHEMA app;
CREATE FUNCTION app.time_diff(a time, b time) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT AS 'SELECT EXTRACT(EPOCH FROM (a - b))::double precision';
CREATE TYPE app.timerange AS RANGE (SUBTYPE = time);
CREATE TYPE app.codes AS RANGE (SUBTYPE = text, SUBTYPE_OPCLASS = text_pattern_ops);
CREATE TABLE app.shifts (id integer, during app.timerange);
