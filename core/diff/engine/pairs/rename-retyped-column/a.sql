CREATE SCHEMA app;
-- Columns renamed and retyped at once, in their place: renamed (RENAME COLUMN), then retyped with USING.
CREATE TABLE app.orders (id integer PRIMARY KEY, qty integer NOT NULL DEFAULT 0, price text, note text);
CREATE INDEX orders_qty ON app.orders (qty);
-- A view showing the column, and one using it only to filter (it is found through pg_depend's column).
CREATE VIEW app.order_sizes AS SELECT id, qty FROM app.orders;
CREATE VIEW app.big_orders AS SELECT id FROM app.orders WHERE qty > 10;
ALTER TABLE app.orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY orders_some ON app.orders FOR SELECT TO {{anon}} USING (qty > 0);
INSERT INTO app.orders VALUES (1, 5, '2.50', 'a'), (2, 20, '10', 'b');
-- The table's only gone and only new column, elsewhere in the table: renamed, retyped, then the table rebuilt for
-- its column order (the rows cast on the way).
CREATE TABLE app.items (id integer PRIMARY KEY, code text, label text);
INSERT INTO app.items VALUES (1, '42', 'x');
-- One enum to another, through text.
CREATE TYPE app.old_state AS ENUM ('open', 'shut');
CREATE TYPE app.new_state AS ENUM ('open', 'closed', 'shut');
CREATE TABLE app.tickets (id integer, status app.old_state);
INSERT INTO app.tickets VALUES (1, 'shut');
-- No cast from point to integer: not offered, the column is dropped and the new one added.
CREATE TABLE app.spots (id integer, spot point);
INSERT INTO app.spots VALUES (1, point(1, 2));
-- A parent's column: RENAME and ALTER TYPE on the parent reach its inheritance children and partitions.
CREATE TABLE app.base (id integer, amount integer);
CREATE TABLE app.child (note text) INHERITS (app.base);
CREATE TABLE app.parts (id integer, amount integer) PARTITION BY RANGE (id);
CREATE TABLE app.parts_low PARTITION OF app.parts FOR VALUES FROM (0) TO (10);
INSERT INTO app.child VALUES (1, 7, 'x');
INSERT INTO app.parts VALUES (1, 8);
