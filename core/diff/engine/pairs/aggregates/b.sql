CREATE SCHEMA app;
-- Aggregates: changed in place (CREATE OR REPLACE AGGREGATE: INITCOND, SFUNC, moving mode, PARALLEL), made anew when
-- their result type changes (the view over one around it), dropped, and created of every kind: no argument (*),
-- ordered-set, hypothetical-set, with a sort operator, with combine / serial functions and SSPACE.
CREATE FUNCTION app.add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE FUNCTION app.add2(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + 2 * b';
CREATE FUNCTION app.sub(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a - b';
CREATE FUNCTION app.badd(a bigint, b integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE AGGREGATE app.mysum(integer) (sfunc = app.add, stype = integer, initcond = '10');
CREATE AGGREGATE app.s2(integer) (sfunc = app.add2, stype = integer, combinefunc = app.add, parallel = safe,
  msfunc = app.add, minvfunc = app.sub, mstype = integer, minitcond = '0');
CREATE AGGREGATE app.wide(integer) (sfunc = app.badd, stype = bigint, initcond = '0');
CREATE TABLE app.t (v integer);
CREATE VIEW app.v AS SELECT app.wide(v) AS w FROM app.t;
CREATE AGGREGATE app.cnt(*) (sfunc = int8inc, stype = bigint, initcond = '0');
COMMENT ON AGGREGATE app.cnt(*) IS 'counts';
CREATE AGGREGATE app.pct(double precision ORDER BY double precision) (sfunc = ordered_set_transition, stype = internal,
  finalfunc = percentile_disc_final, finalfunc_extra);
CREATE AGGREGATE app.rnk(VARIADIC "any" ORDER BY VARIADIC "any") (sfunc = ordered_set_transition_multi, stype = internal,
  finalfunc = rank_final, finalfunc_extra, hypothetical);
CREATE AGGREGATE app.mx(integer) (sfunc = int4larger, stype = integer, sortop = >);
CREATE AGGREGATE app.av(numeric) (sfunc = numeric_avg_accum, stype = internal, sspace = 128, finalfunc = numeric_avg,
  combinefunc = numeric_avg_combine, serialfunc = numeric_avg_serialize, deserialfunc = numeric_avg_deserialize,
  finalfunc_modify = shareable, parallel = restricted);
