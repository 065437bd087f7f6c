import { describe, expect, it } from 'vitest';
import { pgServers } from '../../../test/pg.js';
import { migrate } from './testing/migrate.js';

// Column lists, row filters and FOR TABLES IN SCHEMA exist from PostgreSQL 15 on (syntax errors before), so they
// are no pair: the pairs run their SQL on every major (pairs/publications holds what 14 has). This runs the
// pairs' procedure (diff, apply to A, A equals B through the model and through pg_dump) on 15 and newer.

const A = `CREATE SCHEMA app;
CREATE SCHEMA feed;
CREATE SCHEMA old_feed;
CREATE TABLE app.orders (id integer PRIMARY KEY, total integer, note text);
CREATE TABLE app.items (id integer PRIMARY KEY, name text, secret text);
CREATE TABLE app.moved (id integer PRIMARY KEY, a integer, b integer);
CREATE TABLE app.retyped (id integer PRIMARY KEY, n integer);
CREATE TABLE feed.f (id integer);
CREATE TABLE old_feed.f (id integer);
INSERT INTO app.moved VALUES (1, 2, 3);
CREATE PUBLICATION realtime FOR TABLE app.orders (id, total) WHERE (total > 10), app.items,
  app.moved (id, a) WHERE (a > 0), app.retyped WHERE (n > 0);
CREATE PUBLICATION schemas_only FOR TABLES IN SCHEMA feed, old_feed;`;

// A column list and a filter changed, set and unset; a table rebuilt for its column order gets its list and
// filter back; a column retyped under a filter (PostgreSQL refuses that) is published again after; a schema added
// to and dropped from a publication (ahead of its DROP SCHEMA); a new one with a filter and a schema (a column
// list and TABLES IN SCHEMA do not go together in one publication on 15).
const B = `CREATE SCHEMA app;
CREATE SCHEMA feed;
CREATE SCHEMA more;
CREATE TABLE app.orders (id integer PRIMARY KEY, total integer, note text);
CREATE TABLE app.items (id integer PRIMARY KEY, name text, secret text);
CREATE TABLE app.moved (b integer, id integer PRIMARY KEY, a integer);
CREATE TABLE app.retyped (id integer PRIMARY KEY, n bigint);
CREATE TABLE feed.f (id integer);
CREATE TABLE more.m (id integer);
INSERT INTO app.moved VALUES (3, 1, 2);
CREATE PUBLICATION realtime FOR TABLE app.orders (id, total, note), app.items (id, name) WHERE (name IS NOT NULL),
  app.moved (id, a) WHERE (a > 0), app.retyped WHERE (n > 0);
CREATE PUBLICATION schemas_only FOR TABLES IN SCHEMA feed, more;
CREATE PUBLICATION fresh FOR TABLE app.orders WHERE (id < 100), app.items, TABLES IN SCHEMA more;
CREATE PUBLICATION fresh_columns FOR TABLE app.orders (id, note) WHERE (id < 100);`;

describe.each(pgServers())('publications on $label', (server) => {
  it.skipIf(server.major < 15)('keep column lists, row filters and schemas (15+: none before)', async () => {
    const sql = await migrate(server, A, B);
    expect(sql).toContain('ALTER PUBLICATION realtime ADD TABLE ONLY app.moved (id, a) WHERE ((a > 0))');
    expect(sql).toContain('ALTER PUBLICATION schemas_only DROP TABLES IN SCHEMA old_feed');
    expect(sql).toContain('ALTER PUBLICATION schemas_only ADD TABLES IN SCHEMA more');
    // Dropped from the publication before its filtered column is retyped, added back after.
    const drop = sql.indexOf('ALTER PUBLICATION realtime DROP TABLE ONLY app.retyped');
    const retype = sql.findIndex((s) => s.startsWith('ALTER TABLE app.retyped ALTER COLUMN n TYPE'));
    expect(drop).toBeGreaterThanOrEqual(0);
    expect(drop).toBeLessThan(retype);
  });
});
