import { describe, expect, it } from 'vitest';
import { nonTransactionalReason, placeStatements, refusalReason } from './classify.js';
import { splitSql } from './split.js';

const nodeOf = async (sql: string) => (await splitSql(sql))[0]!.node;
const place = async (sql: string, version = 180000) =>
  placeStatements(await splitSql(sql), version).map((p) => p.phase);

describe('statements that cannot run in a transaction', () => {
  it.each([
    ['CREATE INDEX CONCURRENTLY i ON t (a)', 'CREATE INDEX CONCURRENTLY'],
    ['CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)', 'CREATE INDEX CONCURRENTLY'],
    ['DROP INDEX CONCURRENTLY i', 'DROP INDEX CONCURRENTLY'],
    ['REINDEX INDEX CONCURRENTLY i', 'REINDEX CONCURRENTLY'],
    ['REINDEX (CONCURRENTLY) TABLE t', 'REINDEX CONCURRENTLY'],
    ['REINDEX DATABASE d', 'REINDEX DATABASE'],
    ['VACUUM (ANALYZE) t', 'VACUUM'],
    ['CREATE DATABASE d', 'CREATE DATABASE'],
    ['DROP DATABASE d', 'DROP DATABASE'],
    ['ALTER DATABASE d SET TABLESPACE x', 'ALTER DATABASE … SET TABLESPACE'],
    ["ALTER SYSTEM SET work_mem = '8MB'", 'ALTER SYSTEM'],
    ["CREATE TABLESPACE x LOCATION '/tmp/x'", 'CREATE TABLESPACE'],
    ['DISCARD ALL', 'DISCARD ALL'],
    ['CLUSTER', 'CLUSTER without a table'],
    [
      "CREATE SUBSCRIPTION s CONNECTION 'x' PUBLICATION p",
      'CREATE SUBSCRIPTION (creates a replication slot)',
    ],
    ['DROP SUBSCRIPTION s', 'DROP SUBSCRIPTION (drops its replication slot)'],
  ])('%s', async (sql, reason) => {
    expect(nonTransactionalReason(await nodeOf(sql))).toBe(reason);
  });

  it.each([
    'CREATE INDEX i ON t (a)',
    'DROP INDEX i',
    'REINDEX TABLE t',
    'ANALYZE t',
    'ALTER DATABASE d SET work_mem = 1',
    'CLUSTER t USING i',
    "CREATE SUBSCRIPTION s CONNECTION 'x' PUBLICATION p WITH (create_slot = false, connect = false)",
    "ALTER TYPE e RENAME VALUE 'a' TO 'b'",
    "COMMENT ON TABLE t IS 'CREATE INDEX CONCURRENTLY'",
  ])('%s runs in the transaction', async (sql) => {
    expect(nonTransactionalReason(await nodeOf(sql))).toBeNull();
  });

  it('refuses transaction control and COPY through the client', async () => {
    for (const sql of ['BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT s', "PREPARE TRANSACTION 'x'"])
      expect(refusalReason(await nodeOf(sql))).toMatch(/transaction control/);
    expect(refusalReason(await nodeOf('COPY t FROM STDIN'))).toMatch(/FROM STDIN/);
    expect(refusalReason(await nodeOf('COPY t TO STDOUT'))).toMatch(/TO STDOUT/);
    expect(refusalReason(await nodeOf("COPY t FROM '/tmp/x'"))).toBeNull();
    expect(refusalReason(await nodeOf('SET LOCAL work_mem = 1'))).toBeNull();
  });
});

describe('ALTER TYPE … ADD VALUE', () => {
  it('stays in the transaction when nothing later uses the new value', async () => {
    expect(await place("ALTER TYPE api.status ADD VALUE 'late'; ALTER TABLE t ADD COLUMN x int")).toEqual([
      'transaction',
      'transaction',
    ]);
  });

  it('goes after the transaction, with the statements that use the value, when one does', async () => {
    const sql = [
      "ALTER TYPE api.status ADD VALUE 'late'",
      'CREATE TABLE other (a int)',
      "UPDATE api.orders SET status = 'late' WHERE id = 1",
      "CREATE FUNCTION f() RETURNS api.status LANGUAGE sql AS $$ SELECT 'late'::api.status $$",
    ].join(';\n');
    const placements = placeStatements(await splitSql(sql), 180000);
    expect(placements.map((p) => p.phase)).toEqual(['after', 'transaction', 'after', 'after']);
    expect(placements[0]!.reason).toMatch(/must commit before statements 3, 4/);
    expect(placements[2]!.reason).toMatch(/added by statement 1/);
  });

  it('stays in the transaction when the enum is created in the same set', async () => {
    const sql = "CREATE TYPE s AS ENUM ('a'); ALTER TYPE s ADD VALUE 'b'; SELECT 'b'::s";
    expect(await place(sql)).toEqual(['transaction', 'transaction', 'transaction']);
  });

  it('always goes after the transaction before PostgreSQL 12', async () => {
    expect(await place("ALTER TYPE s ADD VALUE 'b'", 110000)).toEqual(['after']);
  });
});
