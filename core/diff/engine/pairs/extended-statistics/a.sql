CREATE SCHEMA app;
CREATE TABLE app.orders (id integer, customer integer, region text, city text, total numeric, legacy integer);
CREATE STATISTICS app.orders_geo (dependencies) ON region, city FROM app.orders;
CREATE STATISTICS app.orders_cust ON customer, region FROM app.orders;
CREATE STATISTICS app.orders_gone ON id, total FROM app.orders;
CREATE STATISTICS app.orders_legacy ON legacy, id FROM app.orders;
CREATE STATISTICS app.orders_expr ON (lower(city)) FROM app.orders;
ALTER STATISTICS app.orders_cust SET STATISTICS 300;
COMMENT ON STATISTICS app.orders_geo IS 'geo';
