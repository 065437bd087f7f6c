CREATE SCHEMA app;
CREATE TABLE app.clients (id integer PRIMARY KEY, full_name text, city text);
CREATE FUNCTION app.greet(n text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'hi ' || n $$;
INSERT INTO app.clients VALUES (1, 'ann', 'oslo');
