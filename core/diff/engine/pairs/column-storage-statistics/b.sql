CREATE SCHEMA app;
CREATE TABLE app.docs (id integer, body text, note text, meta jsonb, n numeric, code text, extra text);
ALTER TABLE app.docs
  ALTER body SET STORAGE MAIN,
  ALTER id SET STATISTICS 0,
  ALTER n SET STORAGE EXTERNAL,
  ALTER code SET COMPRESSION pglz,
  ALTER code SET STATISTICS 70,
  ALTER extra SET STORAGE EXTERNAL,
  ALTER extra SET COMPRESSION pglz,
  ALTER extra SET STATISTICS 100;
CREATE TABLE app.events (id integer, at date, payload text) PARTITION BY RANGE (at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE ONLY app.events ALTER payload SET STATISTICS 200;
CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE ONLY app.events_2025 ALTER payload SET STORAGE EXTERNAL;
CREATE MATERIALIZED VIEW app.doc_ids AS SELECT id, body FROM app.docs;
ALTER MATERIALIZED VIEW app.doc_ids ALTER body SET STATISTICS 50;
CREATE TABLE app.blobs (id integer, data bytea, label text);
ALTER TABLE app.blobs ALTER data SET STORAGE EXTERNAL, ALTER label SET COMPRESSION pglz, ALTER id SET STATISTICS 10;
CREATE INDEX docs_lower_body ON app.docs (lower(body));
ALTER INDEX app.docs_lower_body ALTER COLUMN 1 SET STATISTICS 100;
CREATE INDEX docs_upper_note ON app.docs (upper(note));
CREATE INDEX docs_len ON app.docs (length(note), id);
ALTER INDEX app.docs_len ALTER COLUMN 1 SET STATISTICS 40;
