CREATE SCHEMA app;
-- A value goes: the type is rebuilt, and a partial index, an expression index and a check spelling its values
-- are dropped around the retype (ALTER COLUMN TYPE would re-parse them against the old type).
CREATE TYPE app.mood AS ENUM ('ok', 'happy', 'ecstatic');
CREATE TABLE app.t (
  m app.mood DEFAULT 'ok',
  ms app.mood[],
  CONSTRAINT not_sad CHECK (m <> 'ecstatic')
);
CREATE VIEW app.v AS SELECT m FROM app.t WHERE m <> 'happy';
CREATE INDEX t_m ON app.t (m) WHERE m = 'happy';
CREATE INDEX t_ok ON app.t ((m = 'ok'));
