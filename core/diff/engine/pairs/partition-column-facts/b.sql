CREATE SCHEMA app;
-- A partition's own column DEFAULT and NOT NULL apart from its parent's: set, taken off, kept while the parent's
-- change (which reaches every partition) goes on, on a column the parent adds, on a sub-partition and a partition
-- attached (its NOT NULL its own) or created.
CREATE TABLE app.m (d integer, v text DEFAULT 'q', w integer, x integer, y text, z integer DEFAULT 5 NOT NULL) PARTITION BY RANGE (d);
CREATE TABLE app.m1 PARTITION OF app.m FOR VALUES FROM (0) TO (10);
CREATE TABLE app.m2 PARTITION OF app.m FOR VALUES FROM (10) TO (20) PARTITION BY RANGE (d);
CREATE TABLE app.m21 PARTITION OF app.m2 FOR VALUES FROM (10) TO (15);
ALTER TABLE app.m1 ALTER COLUMN v SET DEFAULT 'c';
ALTER TABLE app.m1 ALTER COLUMN x SET NOT NULL;
ALTER TABLE app.m1 ALTER COLUMN z SET DEFAULT 6;
ALTER TABLE app.m2 ALTER COLUMN v SET DEFAULT 'm2';
ALTER TABLE app.m21 ALTER COLUMN v SET DEFAULT 'm21';
ALTER TABLE app.m21 ALTER COLUMN w SET NOT NULL;
CREATE TABLE app.m3 (d integer, v text, w integer, x integer, y text, z integer DEFAULT 5 NOT NULL);
ALTER TABLE app.m ATTACH PARTITION app.m3 FOR VALUES FROM (20) TO (30);
CREATE TABLE app.m4 PARTITION OF app.m FOR VALUES FROM (30) TO (40);
ALTER TABLE app.m4 ALTER COLUMN w SET DEFAULT 4;
