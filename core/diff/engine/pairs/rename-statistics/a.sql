CREATE SCHEMA app;
CREATE TABLE app.clients (id integer PRIMARY KEY, city text, region text);
CREATE STATISTICS app.clients_geo (dependencies) ON city, region FROM app.clients;
ALTER STATISTICS app.clients_geo SET STATISTICS 200;
INSERT INTO app.clients VALUES (1, 'oslo', 'east');
