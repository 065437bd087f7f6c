CREATE SCHEMA app;
-- Rules naming each other's tables (CREATE RULE … DO ALSO INSERT INTO the other): dropped first, then their
-- tables, when both go; made after both tables when both are new; a rebuilt pair gets its rules back.
CREATE TABLE app.x (id integer);
CREATE TABLE app.r1 (n integer, id integer);
CREATE TABLE app.r2 (n integer, id integer);
CREATE RULE r1_r2 AS ON INSERT TO app.r1 DO ALSO INSERT INTO app.r2 (id, n) VALUES (new.id, new.n);
CREATE RULE r2_r1 AS ON DELETE TO app.r2 DO ALSO DELETE FROM app.r1 WHERE id = old.id;
INSERT INTO app.r1 VALUES (10, 1);
-- New in B: the same shapes the other way round.
CREATE TABLE app.p (id integer);
CREATE TABLE app.q (id integer);
CREATE RULE p_q AS ON INSERT TO app.p DO ALSO INSERT INTO app.q VALUES (new.id);
CREATE RULE q_p AS ON DELETE TO app.q DO ALSO DELETE FROM app.p WHERE id = old.id;
CREATE TABLE app.w (id integer);
CREATE VIEW app.wv AS SELECT id FROM app.w;
CREATE RULE w_wv AS ON UPDATE TO app.w DO ALSO DELETE FROM app.wv WHERE id = old.id;
