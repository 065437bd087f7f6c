CREATE SCHEMA app;

CREATE TABLE app.notes (id integer);
ALTER TABLE app.notes OWNER TO {{auth}};
REVOKE ALL ON app.notes FROM {{auth}};
GRANT SELECT ON app.notes TO {{auth}};

CREATE TABLE app.m (id integer, d integer) PARTITION BY RANGE (d);
CREATE TABLE app.m1 PARTITION OF app.m FOR VALUES FROM (0) TO (10);
CREATE INDEX m1_own ON app.m1 (id);
