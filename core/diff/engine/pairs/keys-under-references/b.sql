CREATE SCHEMA app;

CREATE TABLE app.accounts (id integer CONSTRAINT accounts_pk_new PRIMARY KEY);
CREATE TABLE app.orders (account integer REFERENCES app.accounts);
CREATE TABLE app.codes (code text, alt text CONSTRAINT codes_alt_key UNIQUE);
CREATE UNIQUE INDEX codes_code_key ON app.codes (code);
CREATE TABLE app.uses (code text REFERENCES app.codes (code), alt text REFERENCES app.codes (alt));

CREATE DOMAIN app.amount AS bigint;
CREATE TYPE app.region AS ENUM ('north', 'south');
CREATE TABLE app.ledger (k app.amount, note text) PARTITION BY RANGE (k);
CREATE TABLE app.ledger_low PARTITION OF app.ledger FOR VALUES FROM (0) TO (100);
CREATE TABLE app.sites (r app.region, name text) PARTITION BY LIST (r);
CREATE TABLE app.sites_n PARTITION OF app.sites FOR VALUES IN ('north');
CREATE TABLE app.sites_s PARTITION OF app.sites FOR VALUES IN ('south');
