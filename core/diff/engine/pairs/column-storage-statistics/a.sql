CREATE SCHEMA app;
CREATE TABLE app.docs (id integer, body text, note text, meta jsonb, n numeric, code varchar(10));
ALTER TABLE app.docs
  ALTER body SET STORAGE EXTERNAL,
  ALTER note SET COMPRESSION pglz,
  ALTER id SET STATISTICS 500,
  ALTER meta SET STORAGE MAIN,
  ALTER code SET STORAGE EXTERNAL,
  ALTER code SET COMPRESSION pglz,
  ALTER code SET STATISTICS 70;
CREATE TABLE app.events (id integer, at date, payload text) PARTITION BY RANGE (at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE ONLY app.events_2024 ALTER payload SET STORAGE MAIN;
CREATE MATERIALIZED VIEW app.doc_ids AS SELECT id, body FROM app.docs;
CREATE INDEX docs_lower_body ON app.docs (lower(body));
ALTER INDEX app.docs_lower_body ALTER COLUMN 1 SET STATISTICS 300;
CREATE INDEX docs_upper_note ON app.docs (upper(note));
ALTER INDEX app.docs_upper_note ALTER COLUMN 1 SET STATISTICS 30;
