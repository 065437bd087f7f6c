CREATE SCHEMA app;
CREATE TABLE app.accounts (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text, name text NOT NULL, created timestamptz DEFAULT now());
CREATE TABLE app.logins (id serial PRIMARY KEY, at timestamptz, account_id integer REFERENCES app.accounts (id));
CREATE VIEW app.account_names AS SELECT id, name FROM app.accounts;
GRANT SELECT ON app.accounts TO {{anon}};
