import { describe, expect, it } from 'vitest';
import { pgServers } from '../../../test/pg.js';
import { migrate } from './testing/migrate.js';

// UNLOGGED sequences exist from PostgreSQL 15 on (CREATE UNLOGGED SEQUENCE is a syntax error before), so they are
// no pair: the pairs run their SQL on every major. This runs the pairs' procedure (diff, apply to A, A equals B
// through the model and through pg_dump) on 15 and newer, and on every major the table side of it: a table's SET
// LOGGED / UNLOGGED takes its sequences along from 15, and leaves them logged before.

const A = `CREATE SCHEMA app;
CREATE SEQUENCE app.s1;
CREATE UNLOGGED SEQUENCE app.s2;
CREATE TABLE app.t1 (id integer GENERATED ALWAYS AS IDENTITY, n serial);
CREATE UNLOGGED TABLE app.t2 (id integer GENERATED ALWAYS AS IDENTITY, n serial);
CREATE TABLE app.t3 (id integer GENERATED ALWAYS AS IDENTITY);
CREATE TABLE app.t4 (id integer GENERATED ALWAYS AS IDENTITY, n serial);`;

// Set and unset; taken along by their table's SET LOGGED / UNLOGGED, or set apart from it after; created unlogged,
// on their own, as a new unlogged table's serial and identity, or as an identity set apart from its new table.
const B = `CREATE SCHEMA app;
CREATE UNLOGGED SEQUENCE app.s1;
CREATE SEQUENCE app.s2;
CREATE UNLOGGED SEQUENCE app.s3;
CREATE UNLOGGED TABLE app.t1 (id integer GENERATED ALWAYS AS IDENTITY, n serial);
CREATE TABLE app.t2 (id integer GENERATED ALWAYS AS IDENTITY, n serial);
ALTER SEQUENCE app.t2_n_seq SET UNLOGGED;
CREATE TABLE app.t3 (id integer GENERATED ALWAYS AS IDENTITY);
ALTER SEQUENCE app.t3_id_seq SET UNLOGGED;
CREATE UNLOGGED TABLE app.t4 (id integer GENERATED ALWAYS AS IDENTITY, n serial);
ALTER SEQUENCE app.t4_id_seq SET LOGGED;
CREATE UNLOGGED TABLE app.t5 (id integer GENERATED ALWAYS AS IDENTITY, n serial);
CREATE TABLE app.t6 (id integer GENERATED ALWAYS AS IDENTITY);
ALTER SEQUENCE app.t6_id_seq SET UNLOGGED;`;

// Every major: tables flip, their identity and serial sequences with them (15+) or logged throughout (14).
const TABLES_A = `CREATE SCHEMA app;
CREATE TABLE app.t1 (id integer GENERATED ALWAYS AS IDENTITY, n serial);
CREATE UNLOGGED TABLE app.t2 (id integer GENERATED ALWAYS AS IDENTITY, n serial);`;
const TABLES_B = `CREATE SCHEMA app;
CREATE UNLOGGED TABLE app.t1 (id integer GENERATED ALWAYS AS IDENTITY, n serial);
CREATE TABLE app.t2 (id integer GENERATED ALWAYS AS IDENTITY, n serial);
CREATE UNLOGGED TABLE app.t3 (id integer GENERATED ALWAYS AS IDENTITY, n serial);`;

describe.each(pgServers())('unlogged sequences on $label', (server) => {
  it.skipIf(server.major < 15)('are created, set and set apart from their tables (15+)', async () => {
    const sql = await migrate(server, A, B);
    expect(sql).toContain('ALTER SEQUENCE app.s1 SET UNLOGGED');
    expect(sql).toContain('ALTER SEQUENCE app.t4_id_seq SET LOGGED');
    // Taken along by ALTER TABLE app.t1 SET UNLOGGED: not written again.
    expect(sql.filter((s) => s.startsWith('ALTER SEQUENCE app.t1_'))).toEqual([]);
  });

  it('follow their tables (15+), and stay logged before 15', async () => {
    const sql = await migrate(server, TABLES_A, TABLES_B);
    expect(sql.filter((s) => / SET (UN)?LOGGED$/.test(s) && s.startsWith('ALTER SEQUENCE'))).toEqual([]);
  });
});
