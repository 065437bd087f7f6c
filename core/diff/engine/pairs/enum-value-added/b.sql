CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy', 'ecstatic');
CREATE TABLE app.days (id integer, mood app.mood DEFAULT 'ok');
INSERT INTO app.days VALUES (1, 'happy');
