CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'happy');
CREATE TABLE app.days (id integer, mood app.mood DEFAULT 'sad');
INSERT INTO app.days VALUES (1, 'happy');
