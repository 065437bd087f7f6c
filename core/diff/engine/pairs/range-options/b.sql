CREATE SCHEMA app;
CREATE FUNCTION app.time_diff(a time, b time) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT AS 'SELECT EXTRACT(EPOCH FROM (a - b))::double precision';
CREATE COLLATION app.bytes (provider = libc, locale = 'C');
-- The same subtype with a subtype_diff function and another multirange name: rebuilt, the column moved over.
CREATE TYPE app.timerange AS RANGE (SUBTYPE = time, SUBTYPE_DIFF = app.time_diff, MULTIRANGE_TYPE_NAME = app.time_spans);
CREATE TYPE app.codes AS RANGE (SUBTYPE = text, SUBTYPE_OPCLASS = text_pattern_ops);
CREATE TYPE app.names AS RANGE (SUBTYPE = text, COLLATION = app.bytes);
CREATE TABLE app.shifts (id integer, during app.timerange, codes app.codes, names app.names);
