CREATE SCHEMA app;

-- A new owner that keeps only some of its own privileges: ALTER … OWNER TO hands it the old owner's, which are
-- then revoked from it.
CREATE TABLE app.notes (id integer);

-- A partition's index that its parent's index adopted (made before it): the parent's DROP INDEX takes it along,
-- so it is made again on its own.
CREATE TABLE app.m (id integer, d integer) PARTITION BY RANGE (d);
CREATE TABLE app.m1 PARTITION OF app.m FOR VALUES FROM (0) TO (10);
CREATE INDEX m1_own ON app.m1 (id);
CREATE INDEX m_id ON app.m (id);
