CREATE SCHEMA app;
-- Rules (CREATE RULE): created, dropped, replaced in place, disabled and commented; a view recreated around its
-- table's column and a table rebuilt for its column order get theirs back; one whose action uses a column that is
-- retyped goes first and comes back after; new tables whose rules name each other are made before either rule.
CREATE TABLE app.log (id integer, what text);
CREATE TABLE app.t (id integer PRIMARY KEY, a bigint);
CREATE TABLE app.rebuilt (a integer, id integer PRIMARY KEY);
CREATE TABLE app.counted (id integer PRIMARY KEY, n bigint);
CREATE VIEW app.v AS SELECT id, a FROM app.t;
INSERT INTO app.rebuilt VALUES (2, 1);
CREATE RULE changed AS ON INSERT TO app.t DO ALSO INSERT INTO app.log VALUES (new.id, 'inserted');
CREATE RULE toggled AS ON UPDATE TO app.t DO ALSO NOTHING;
ALTER TABLE app.t DISABLE RULE toggled;
CREATE RULE fresh AS ON UPDATE TO app.counted DO ALSO INSERT INTO app.log VALUES (new.id, 'counted');
CREATE RULE kept AS ON INSERT TO app.rebuilt DO ALSO INSERT INTO app.log VALUES (new.id, 'rebuilt');
COMMENT ON RULE kept ON app.rebuilt IS 'notes inserts';
CREATE RULE v_del AS ON DELETE TO app.v DO INSTEAD DELETE FROM app.t WHERE id = old.id;
CREATE RULE counts AS ON INSERT TO app.log DO ALSO UPDATE app.counted SET n = n + 1;
CREATE TABLE app.ping (id integer);
CREATE TABLE app.pong (id integer);
CREATE RULE ping_pong AS ON INSERT TO app.ping DO ALSO INSERT INTO app.pong VALUES (new.id);
CREATE RULE pong_ping AS ON DELETE TO app.pong DO ALSO DELETE FROM app.ping WHERE id = old.id;
