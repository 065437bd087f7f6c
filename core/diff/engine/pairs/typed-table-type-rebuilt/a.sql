CREATE SCHEMA app;
-- Attributes reordered: the type is rebuilt and its typed table with it, to the new column order (rows, key, index,
-- view and the key referencing it kept); a column storing the type moves field by field (its text is positional).
CREATE TYPE app.point3 AS (x integer, y text, z bigint);
CREATE TABLE app.points OF app.point3 (PRIMARY KEY (x), z WITH OPTIONS DEFAULT 0);
CREATE INDEX points_y ON app.points (y);
CREATE VIEW app.point_names AS SELECT x, y FROM app.points;
CREATE TABLE app.point_refs (x integer REFERENCES app.points);
CREATE TABLE app.snapshots (id integer, p app.point3);
INSERT INTO app.points VALUES (1, 'a', 3), (2, 'b', 4);
INSERT INTO app.point_refs VALUES (1);
INSERT INTO app.snapshots VALUES (1, ROW(1, 'a', 3)), (2, NULL);
-- An attribute retyped while a column stores the type: the type is rebuilt; its typed table leaves it meanwhile (NOT
-- OF), has its column retyped with USING (a view over it dropped and made again) and takes the new type (OF).
CREATE TYPE app.money_row AS (amount text, note text);
CREATE TABLE app.payments OF app.money_row;
CREATE VIEW app.big_payments AS SELECT note FROM app.payments WHERE amount::numeric > 10;
CREATE TABLE app.payment_log (id integer, m app.money_row);
INSERT INTO app.payments VALUES ('12.5', 'x');
INSERT INTO app.payment_log VALUES (1, ROW('7', 'y'));
-- An attribute added between others (ADD ATTRIBUTE appends): rebuilt as for a reorder.
CREATE TYPE app.span AS (lo integer, hi integer);
CREATE TABLE app.spans OF app.span;
INSERT INTO app.spans VALUES (1, 5);
-- An attribute retyped with no column storing the type, by a cast ALTER ATTRIBUTE … CASCADE cannot make (text to
-- integer, no USING there): the typed table leaves the type meanwhile.
CREATE TYPE app.tag AS (id text, label text);
CREATE TABLE app.tags OF app.tag;
INSERT INTO app.tags VALUES ('7', 'seven');
-- An enum rebuilt under a typed table's column (a value removed): the composite over it is rebuilt too, and the
-- typed table leaves it meanwhile, its column moved onto the new enum.
CREATE TYPE app.level AS ENUM ('low', 'mid', 'high');
CREATE TYPE app.reading AS (v integer, lvl app.level);
CREATE TABLE app.readings OF app.reading;
INSERT INTO app.readings VALUES (1, 'high');
