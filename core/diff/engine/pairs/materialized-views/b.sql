CREATE SCHEMA app;
CREATE TABLE app.sales (id integer, amount integer, region text);
CREATE MATERIALIZED VIEW app.totals AS SELECT region, sum(amount) AS total, count(*) AS n FROM app.sales GROUP BY region;
CREATE UNIQUE INDEX totals_region_idx ON app.totals (region);
CREATE VIEW app.big_regions AS SELECT region FROM app.totals WHERE total > 100;
COMMENT ON MATERIALIZED VIEW app.totals IS 'per region';
