CREATE SCHEMA app;
-- The table is renamed (accepted): its statistics object goes along with it.
CREATE TABLE app.customers (id integer PRIMARY KEY, city text, region text);
CREATE STATISTICS app.clients_geo (dependencies) ON city, region FROM app.customers;
ALTER STATISTICS app.clients_geo SET STATISTICS 200;
