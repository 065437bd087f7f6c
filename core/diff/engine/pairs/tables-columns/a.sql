CREATE SCHEMA app;
CREATE TABLE app.items (
  id integer PRIMARY KEY,
  name varchar(20) NOT NULL,
  price numeric(10,2),
  note text DEFAULT 'none',
  legacy text,
  qty integer
) WITH (fillfactor = 80);
CREATE TABLE app.owners (id integer PRIMARY KEY, email text);
CREATE INDEX items_name_idx ON app.items (name);
COMMENT ON TABLE app.items IS 'items';
INSERT INTO app.items VALUES (1, 'a', 1.5, 'x', 'old', 3);
