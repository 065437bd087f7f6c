CREATE SCHEMA app;
CREATE TABLE app.accounts (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, created timestamptz DEFAULT now());
CREATE TABLE app.logins (id serial PRIMARY KEY, account_id integer REFERENCES app.accounts (id), at timestamptz);
CREATE VIEW app.account_names AS SELECT id, name FROM app.accounts;
GRANT SELECT ON app.accounts TO {{anon}};
INSERT INTO app.accounts (name) VALUES ('ann'), ('bob');
INSERT INTO app.logins (account_id) VALUES (1), (2);
