CREATE SCHEMA app;
-- The parent's index changes (its partitions' copies go with it); partitions' own indexes change too, one
-- partition is added.
CREATE TABLE app.m (id integer, at date, v text) PARTITION BY RANGE (at);
CREATE TABLE app.m1 PARTITION OF app.m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
  PARTITION BY RANGE (id);
CREATE TABLE app.m1a PARTITION OF app.m1 FOR VALUES FROM (0) TO (1000);
CREATE TABLE app.m2 PARTITION OF app.m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX m_v ON app.m (v, id);
CREATE INDEX m1_own ON app.m1 (id) WHERE id > 0;
CREATE INDEX m1a_own ON app.m1a (v DESC);
ALTER TABLE app.m ADD PRIMARY KEY (id, at);
INSERT INTO app.m VALUES (1, '2024-05-01', 'x');
-- A new partitioned table with an index: made before its partitions are attached, so ATTACH PARTITION adopts
-- their copies (made after, ON ONLY, it would adopt none).
CREATE TABLE app.n (id integer, at date, v text) PARTITION BY RANGE (at);
CREATE TABLE app.n1 PARTITION OF app.n FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY RANGE (id);
CREATE TABLE app.n1a PARTITION OF app.n1 FOR VALUES FROM (0) TO (1000);
CREATE INDEX n_v ON app.n (v);
CREATE INDEX n1_id ON app.n1 (id);
