CREATE SCHEMA app;
-- A new partition under a parent index (its index is made before ATTACH, which adopts it); a sequence unlinked
-- from a column that goes (first, or the column would take it); one range type to another (through text); a
-- grant made by a grantee revoked before the grant option it rests on.
CREATE TABLE app.m (id integer, d integer) PARTITION BY RANGE (d);
CREATE TABLE app.m1 PARTITION OF app.m FOR VALUES FROM (0) TO (10);
CREATE TABLE app.m2 PARTITION OF app.m FOR VALUES FROM (10) TO (20);
CREATE INDEX m_id ON app.m (id);
CREATE TABLE app.t (a integer);
CREATE SEQUENCE app.s;
CREATE TABLE app.r (during tstzrange);
GRANT USAGE ON SCHEMA app TO {{auth}};
