CREATE SCHEMA app;
CREATE TABLE app.customers (id integer PRIMARY KEY, name text, city text);
CREATE FUNCTION app.say_hello(n text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'hi ' || n $$;
CREATE TABLE app.issues (id serial PRIMARY KEY, note text);
CREATE TABLE app.marks (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stamped date);
GRANT USAGE ON SEQUENCE app.issues_id_seq TO {{anon}};
