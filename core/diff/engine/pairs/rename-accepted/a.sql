CREATE SCHEMA app;
CREATE TABLE app.clients (id integer PRIMARY KEY, full_name text, city text);
CREATE FUNCTION app.greet(n text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'hi ' || n $$;
INSERT INTO app.clients VALUES (1, 'ann', 'oslo');
-- Tables whose serial and identity sequences follow their new names: renamed, counting on (not made anew at 1).
CREATE TABLE app.tickets (id serial PRIMARY KEY, note text);
CREATE TABLE app.stamps (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stamped date);
GRANT USAGE ON SEQUENCE app.tickets_id_seq TO {{anon}};
INSERT INTO app.tickets (note) VALUES ('a'), ('b');
INSERT INTO app.stamps (stamped) VALUES (current_date);
-- A table moved to another schema (SET SCHEMA, rows, serial sequence, policy and the keys that reference it kept).
CREATE SCHEMA archive;
CREATE TABLE app.ledger (id serial PRIMARY KEY, amount numeric);
CREATE TABLE app.ledger_refs (ledger integer REFERENCES app.ledger);
ALTER TABLE app.ledger ENABLE ROW LEVEL SECURITY;
CREATE POLICY ledger_read ON app.ledger FOR SELECT TO {{anon}} USING (amount > 0);
INSERT INTO app.ledger (amount) VALUES (5);
INSERT INTO app.ledger_refs VALUES (1);
-- An enum value renamed in place (RENAME VALUE: the rows holding it keep it under its new label).
CREATE TYPE app.stage AS ENUM ('draft', 'live', 'gone');
CREATE TABLE app.posts (id integer, stage app.stage);
INSERT INTO app.posts VALUES (1, 'draft');
-- A composite type's attribute renamed in place (RENAME ATTRIBUTE: the values a column of the type holds are
-- kept, where DROP and ADD ATTRIBUTE would lose them), its comment going along.
CREATE TYPE app.address AS (street text, zip text);
COMMENT ON COLUMN app.address.zip IS 'postal code';
CREATE TABLE app.homes (id integer, at app.address);
INSERT INTO app.homes VALUES (1, ROW('main', '0150'));
