CREATE SCHEMA app;

CREATE TABLE app.accounts (id integer);

-- A SQL function whose string body names a table the same migration makes (functions are made before tables).
CREATE TABLE app.events (id integer);
CREATE FUNCTION app.counted() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM app.events $$;

CREATE DOMAIN app.tag AS text CHECK (VALUE <> '');
CREATE TYPE app.pair AS (k app.tag, v integer);
CREATE TABLE app.tagged (tags app.tag[], p app.pair);
