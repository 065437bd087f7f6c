CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('new', 'legacy', 'done');
CREATE TABLE app.tasks (id integer PRIMARY KEY, status app.status NOT NULL DEFAULT 'new', history app.status[]);
CREATE VIEW app.open_tasks AS SELECT id FROM app.tasks WHERE status = 'new';
CREATE FUNCTION app.is_done(s app.status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s = 'done' $$;
INSERT INTO app.tasks VALUES (1, 'done', '{new,done}');
