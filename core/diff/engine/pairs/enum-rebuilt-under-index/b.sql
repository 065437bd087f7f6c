CREATE SCHEMA app;
-- A value goes: the type is rebuilt, and a partial index, an expression index and a check spelling its values
-- are dropped around the retype (ALTER COLUMN TYPE would re-parse them against the old type), and a foreign key
-- between two of its columns too (re-checked while one side is moved and the other not).
CREATE TYPE app.mood AS ENUM ('ok', 'happy', 'ecstatic');
CREATE TABLE app.t (
  m app.mood DEFAULT 'ok',
  ms app.mood[],
  CONSTRAINT not_sad CHECK (m <> 'ecstatic')
);
CREATE TABLE app.p (m app.mood PRIMARY KEY);
CREATE TABLE app.c (m app.mood REFERENCES app.p);
CREATE VIEW app.v AS SELECT m FROM app.t WHERE m <> 'happy';
CREATE INDEX t_m ON app.t (m) WHERE m = 'happy';
CREATE INDEX t_ok ON app.t ((m = 'ok'));
