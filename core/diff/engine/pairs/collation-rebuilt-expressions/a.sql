CREATE SCHEMA app;
CREATE COLLATION app.loose (provider = icu, locale = 'de-u-ks-level1', deterministic = false);
CREATE TABLE app.tags (
  id integer,
  label text DEFAULT ('none'::text COLLATE app.loose),
  code text
);
CREATE FUNCTION app.same_word(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE
  RETURN (a COLLATE app.loose) = b;
CREATE FUNCTION app.count_label(w text) RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT count(*) FROM app.tags WHERE (tags.label COLLATE app.loose) = w;
END;
ALTER TABLE app.tags ENABLE ROW LEVEL SECURITY;
CREATE POLICY same_code ON app.tags USING (app.same_word(code, 'AB'));
INSERT INTO app.tags (id, code) VALUES (1, 'ab');
