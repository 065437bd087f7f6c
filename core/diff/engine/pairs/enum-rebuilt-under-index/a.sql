CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE app.t (
  m app.mood DEFAULT 'ok',
  ms app.mood[],
  CONSTRAINT not_sad CHECK (m <> 'sad')
);
CREATE TABLE app.p (m app.mood PRIMARY KEY);
CREATE TABLE app.c (m app.mood REFERENCES app.p);
CREATE VIEW app.v AS SELECT m FROM app.t WHERE m <> 'happy';
CREATE INDEX t_m ON app.t (m) WHERE m = 'happy';
CREATE INDEX t_ok ON app.t ((m = 'ok'));
INSERT INTO app.t VALUES ('ok', '{ok,happy}'), ('happy', '{}');
INSERT INTO app.p VALUES ('ok'); INSERT INTO app.c VALUES ('ok');
