CREATE SCHEMA app;
CREATE TABLE app.measures (at date NOT NULL, v integer) PARTITION BY RANGE (at);
CREATE TABLE app.measures_2024 PARTITION OF app.measures FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.measures_2025 PARTITION OF app.measures FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX measures_at_idx ON app.measures (at);
CREATE TABLE app.base (id integer, created date);
CREATE TABLE app.child (id integer, created date, extra text) INHERITS (app.base);
