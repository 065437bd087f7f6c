CREATE SCHEMA app;
CREATE TABLE app.events (id integer PRIMARY KEY, at timestamptz, kind text);
CREATE FUNCTION app.kind_label(k text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(k) $$;
CREATE VIEW app.labelled AS SELECT id, app.kind_label(kind) AS label FROM app.events;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); RETURN NEW; END $$;
CREATE TRIGGER events_touch BEFORE INSERT ON app.events FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE INDEX events_label_idx ON app.events (app.kind_label(kind));
