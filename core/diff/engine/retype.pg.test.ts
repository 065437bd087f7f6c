import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, Column } from '../../../shared/model/catalog.js';
import { createTempDatabase, pgServers, superuserQuery, type TempDatabase } from '../../../test/pg.js';
import { readModel } from '../../ddl/testing/run.js';
import { builtInCasts, converts, retypeStatement, retypeWay } from './retype.js';

// `converts` says which column type changes the diff's ALTER COLUMN … TYPE can make: checked here against the
// server itself. Every pair of the types below is tried on an empty table (what fails there fails on any): each
// change `converts` allows must run, and each it refuses must fail, but through text (one enum or range to another),
// which runs on an empty table even where a value would not read as one of the new type.

const TYPES = [
  'integer',
  'bigint',
  'smallint',
  'numeric(10,2)',
  'double precision',
  'text',
  'character varying(10)',
  'character(3)',
  'boolean',
  'date',
  'timestamp without time zone',
  'timestamp with time zone',
  'time without time zone',
  'interval',
  'json',
  'jsonb',
  'uuid',
  'bytea',
  'point',
  'inet',
  'money',
  'bit(3)',
  'integer[]',
  'bigint[]',
  'text[]',
  'point[]',
  'int4range',
  'numrange',
  'int4multirange',
  'app.mood',
  'app.mood2',
  'app.mood3',
  'app.mood[]',
  'app.small',
  'app.words',
  'app.pair',
  'app.cents',
  'app.cents[]',
];

const SCHEMA = `CREATE SCHEMA app;
  CREATE TYPE app.mood AS ENUM ('ok', 'sad');
  CREATE TYPE app.mood2 AS ENUM ('ok', 'glad');
  CREATE TYPE app.mood3 AS ENUM ('ok', 'glad', 'sad');
  CREATE DOMAIN app.small AS integer CHECK (VALUE < 100);
  CREATE DOMAIN app.words AS text;
  CREATE TYPE app.pair AS (a integer, b text);
  CREATE TYPE app.cents;
  CREATE FUNCTION app.cents_in(cstring) RETURNS app.cents LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
  CREATE FUNCTION app.cents_out(app.cents) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
  CREATE TYPE app.cents (INPUT = app.cents_in, OUTPUT = app.cents_out, LIKE = integer);
  CREATE CAST (app.cents AS integer) WITHOUT FUNCTION;
  CREATE TABLE app.probe (${TYPES.map((t, i) => `c${i} ${t}`).join(', ')});`;

describe.each(pgServers())('column type changes on $label', (server) => {
  let db: TempDatabase;
  let model: Catalog;
  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_retype');
    await superuserQuery(server, SCHEMA, db.name);
    model = await readModel(db.uri);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('knows only built-in casts the server has', async () => {
    const { rows } = await superuserQuery(
      server,
      `SELECT s.typname AS source, t.typname AS target FROM pg_catalog.pg_cast AS c
       JOIN pg_catalog.pg_type AS s ON s.oid = c.castsource JOIN pg_catalog.pg_type AS t ON t.oid = c.casttarget`,
      db.name,
    );
    const have = new Set(rows.map((r: { source: string; target: string }) => `${r.source}→${r.target}`));
    expect(builtInCasts(server.major).filter(([a, b]) => !have.has(`${a}→${b}`))).toEqual([]);
  });

  it('allows exactly the type changes the server makes', async () => {
    const probe = model.relations.find((r) => r.name === 'probe');
    const columns = probe?.columns ?? [];
    expect(columns).toHaveLength(TYPES.length);
    const client = new pg.Client({ connectionString: db.uri });
    await client.connect();
    const wrong: string[] = [];
    try {
      await client.query('BEGIN');
      for (const a of columns)
        for (const b of columns) {
          if (a === b) continue;
          const to: Column = { ...b, name: a.name };
          const allowed = converts(a, to, { from: model, to: model });
          await client.query('SAVEPOINT p');
          const runs = await client
            .query(retypeStatement('app', 'probe', a, to, false).sql)
            .then(() => true)
            .catch(() => false);
          await client.query('ROLLBACK TO SAVEPOINT p');
          const byValues = retypeWay(a, to, false) === 'through_text';
          if (allowed !== runs && !(runs && byValues))
            wrong.push(
              `${a.type.formatted} → ${b.type.formatted}: ${allowed ? 'allowed, fails' : 'refused, runs'}`,
            );
        }
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
    expect(wrong).toEqual([]);
  });
});
