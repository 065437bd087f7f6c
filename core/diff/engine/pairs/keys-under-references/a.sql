CREATE SCHEMA app;

-- Keys that foreign keys rest on change: a primary key renamed (without --renames: dropped and added), a unique
-- constraint that becomes a plain unique index and one the other way round. The foreign keys go and come back.
CREATE TABLE app.accounts (id integer CONSTRAINT accounts_pk_old PRIMARY KEY);
CREATE TABLE app.orders (account integer REFERENCES app.accounts);
CREATE TABLE app.codes (code text CONSTRAINT codes_code_key UNIQUE, alt text);
CREATE UNIQUE INDEX codes_alt_key ON app.codes (alt);
CREATE TABLE app.uses (code text REFERENCES app.codes (code), alt text REFERENCES app.codes (alt));
INSERT INTO app.accounts VALUES (1);
INSERT INTO app.orders VALUES (1);
INSERT INTO app.codes VALUES ('a', 'b');
INSERT INTO app.uses VALUES ('a', 'b');

-- Partition keys over a domain and an enum that are rebuilt: the parents are recreated, their partitions
-- detached meanwhile and moved on their own, rows kept.
CREATE DOMAIN app.amount AS integer;
CREATE TYPE app.region AS ENUM ('north', 'south', 'gone');
CREATE TABLE app.ledger (k app.amount, note text) PARTITION BY RANGE (k);
CREATE TABLE app.ledger_low PARTITION OF app.ledger FOR VALUES FROM (0) TO (100);
CREATE TABLE app.sites (r app.region, name text) PARTITION BY LIST (r);
CREATE TABLE app.sites_n PARTITION OF app.sites FOR VALUES IN ('north');
CREATE TABLE app.sites_s PARTITION OF app.sites FOR VALUES IN ('south');
INSERT INTO app.ledger VALUES (5, 'five');
INSERT INTO app.sites VALUES ('north', 'n'), ('south', 's');
