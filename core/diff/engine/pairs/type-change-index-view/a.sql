CREATE SCHEMA app;
CREATE TABLE app.orders (id integer PRIMARY KEY, code varchar(10) NOT NULL, total integer DEFAULT 0);
CREATE UNIQUE INDEX orders_code_idx ON app.orders (code);
CREATE INDEX orders_total_idx ON app.orders (total);
CREATE VIEW app.order_codes AS SELECT id, code, total FROM app.orders;
INSERT INTO app.orders VALUES (1, 'A1', 5);
