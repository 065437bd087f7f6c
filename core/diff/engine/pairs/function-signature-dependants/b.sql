CREATE SCHEMA app;
CREATE TABLE app.events (id integer PRIMARY KEY, at timestamptz, kind text);
CREATE FUNCTION app.kind_label(k text) RETURNS varchar LANGUAGE sql IMMUTABLE AS $$ SELECT upper(k)::varchar $$;
CREATE VIEW app.labelled AS SELECT id, app.kind_label(kind) AS label FROM app.events;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := clock_timestamp(); RETURN NEW; END $$;
CREATE TRIGGER events_touch BEFORE INSERT OR UPDATE ON app.events FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE INDEX events_label_idx ON app.events (app.kind_label(kind));
-- A default changes value (CREATE OR REPLACE, the view stays); one is removed (refused there: recreated).
CREATE FUNCTION app.fee(amount integer, rate integer DEFAULT 2) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT amount * rate';
CREATE FUNCTION app.unfee(amount integer, rate integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT amount / rate';
CREATE VIEW app.fees AS SELECT app.fee(10) AS f, app.unfee(10, 1) AS u;
