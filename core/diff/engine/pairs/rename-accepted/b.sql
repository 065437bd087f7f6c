CREATE SCHEMA app;
CREATE TABLE app.customers (id integer PRIMARY KEY, name text, city text);
CREATE FUNCTION app.say_hello(n text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'hi ' || n $$;
