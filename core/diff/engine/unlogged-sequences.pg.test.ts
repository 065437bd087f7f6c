import { describe, expect, it } from 'vitest';
import { createTempDatabase, pgServers, superuserQuery, type TestServer } from '../../../test/pg.js';
import { readModel, runScript } from '../../ddl/testing/run.js';
import { diffModels } from './diff-models.js';
import { normaliseDump, residue } from './testing/normdump.js';
import { pgDumpFor, schemaDump } from './testing/pg-dump.js';

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

/** Diffs A to B, applies the migration to A and expects A to equal B (model and pg_dump); returns the SQL. */
async function migrate(server: TestServer, a: string, b: string): Promise<string[]> {
  const da = await createTempDatabase(server, 'gh_useq_a');
  const db = await createTempDatabase(server, 'gh_useq_b');
  try {
    await superuserQuery(server, a, da.name);
    await superuserQuery(server, b, db.name);
    const modelB = await readModel(db.uri);
    const migration = diffModels(await readModel(da.uri), modelB);
    expect(migration.unwritable).toEqual([]);
    await runScript(da.uri, migration.statements.map((s) => `${s.sql};`).join('\n'));
    const again = diffModels(await readModel(da.uri), modelB);
    expect(again.changes.map((c) => `${c.id}: ${c.summary}`)).toEqual([]);
    const pgDump = await pgDumpFor(server.major);
    if (pgDump !== null)
      expect(
        residue(
          normaliseDump(await schemaDump(pgDump, da.uri)),
          normaliseDump(await schemaDump(pgDump, db.uri)),
        ),
      ).toEqual([]);
    return migration.statements.map((s) => s.sql);
  } finally {
    await da.drop();
    await db.drop();
  }
}

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
