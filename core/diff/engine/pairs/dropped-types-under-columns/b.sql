CREATE SCHEMA app;
-- An extension goes after the column using its type; an enum column becomes text, its default set once the
-- column has the new type; a comment on the primary key's index.
CREATE TABLE app.t (id integer PRIMARY KEY, k text DEFAULT 'a');
COMMENT ON INDEX app.t_pkey IS 'one row per id';
INSERT INTO app.t VALUES (1, 'b');
