CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE app.t (
  m app.mood DEFAULT 'ok',
  ms app.mood[],
  CONSTRAINT not_sad CHECK (m <> 'sad')
);
CREATE VIEW app.v AS SELECT m FROM app.t WHERE m <> 'happy';
CREATE INDEX t_m ON app.t (m) WHERE m = 'happy';
CREATE INDEX t_ok ON app.t ((m = 'ok'));
INSERT INTO app.t VALUES ('ok', '{ok,happy}'), ('happy', '{}');
