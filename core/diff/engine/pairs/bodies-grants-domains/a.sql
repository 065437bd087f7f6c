CREATE SCHEMA app;

-- Default privileges in a schema that is dropped go with it; a column's privileges go with the column.
CREATE SCHEMA gone;
ALTER DEFAULT PRIVILEGES IN SCHEMA gone GRANT SELECT ON TABLES TO {{anon}};
CREATE TABLE app.accounts (id integer, secret text);
GRANT SELECT (secret) ON app.accounts TO {{anon}};

-- A domain stored inside an array and a composite gains a check: rebuilt (ALTER DOMAIN cannot check inside them).
CREATE DOMAIN app.tag AS text;
CREATE TYPE app.pair AS (k app.tag, v integer);
CREATE TABLE app.tagged (tags app.tag[], p app.pair);
INSERT INTO app.tagged VALUES (ARRAY['x']::app.tag[], ROW('y', 1));
