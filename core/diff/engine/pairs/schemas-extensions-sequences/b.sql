CREATE SCHEMA app;
CREATE SCHEMA reporting;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA app;
CREATE EXTENSION IF NOT EXISTS ltree WITH SCHEMA reporting;
CREATE SEQUENCE app.ticket_seq INCREMENT BY 5 MAXVALUE 100000 CACHE 10 CYCLE;
CREATE SEQUENCE reporting.batch_seq AS integer;
CREATE TABLE reporting.paths (id integer DEFAULT nextval('reporting.batch_seq'), path reporting.ltree);
COMMENT ON SCHEMA app IS 'the application';
