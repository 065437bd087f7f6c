CREATE SCHEMA app;
CREATE COLLATION app.loose (provider = icu, locale = 'de-u-ks-level1', deterministic = false);
CREATE TABLE app.codes (
  id integer PRIMARY KEY,
  code text,
  folded text GENERATED ALWAYS AS (upper(code COLLATE app.loose)) STORED,
  note text
);
INSERT INTO app.codes (id, code, note) VALUES (1, 'ab', 'kept');
