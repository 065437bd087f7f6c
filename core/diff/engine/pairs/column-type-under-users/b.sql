CREATE SCHEMA app;
-- Columns change type under what PostgreSQL will not retype around: a trigger's UPDATE OF and WHEN, a SQL-standard
-- function body, a generated column (dropped and added again); the identity column's sequence follows its type.
CREATE FUNCTION app.tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TABLE app.t (
  id bigint GENERATED ALWAYS AS IDENTITY,
  a bigint,
  w bigint,
  note text,
  g integer GENERATED ALWAYS AS (a * 2) STORED
);
CREATE TRIGGER t_of BEFORE UPDATE OF a ON app.t FOR EACH ROW EXECUTE FUNCTION app.tf();
CREATE TRIGGER t_when BEFORE UPDATE ON app.t FOR EACH ROW WHEN (NEW.w > 0) EXECUTE FUNCTION app.tf();
CREATE TRIGGER t_other BEFORE INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION app.tf();
CREATE FUNCTION app.total() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT sum(w) FROM app.t);
