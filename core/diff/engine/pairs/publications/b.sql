CREATE SCHEMA app;
-- Publications (logical replication; Supabase Realtime's supabase_realtime): created, dropped, made anew when
-- FOR ALL TABLES changes, their options, tables, owner and comment altered; a table rebuilt for its column order
-- or recreated for its partition key is added back, one dropped leaves with its table.
CREATE TABLE app.orders (id integer PRIMARY KEY, total integer);
CREATE TABLE app.items (id integer PRIMARY KEY, name text);
CREATE TABLE app.added (id integer PRIMARY KEY);
CREATE TABLE app.rebuilt (a integer, id integer PRIMARY KEY);
CREATE TABLE app.events (id integer, at timestamp) PARTITION BY RANGE (at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.parent (id integer);
CREATE TABLE app.child () INHERITS (app.parent);
INSERT INTO app.rebuilt VALUES (1, 2);
CREATE PUBLICATION realtime FOR TABLE app.orders, app.added, app.rebuilt, app.events, app.parent;
COMMENT ON PUBLICATION realtime IS 'new';
CREATE PUBLICATION options_changed FOR TABLE app.orders
  WITH (publish = 'update, delete', publish_via_partition_root = true);
CREATE PUBLICATION everything FOR ALL TABLES;
CREATE PUBLICATION becomes_all FOR ALL TABLES;
CREATE PUBLICATION fresh FOR TABLE app.items, ONLY app.parent WITH (publish = '');
ALTER PUBLICATION fresh OWNER TO {{auth}};
CREATE PUBLICATION nothing_yet;
