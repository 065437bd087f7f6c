import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgServers, superuserQuery, uniqueSuffix } from '../../../test/pg.js';
import { migrate } from './testing/migrate.js';

// The pair rename-schema runs with renames accepted (ALTER SCHEMA app RENAME TO core). Here the same two sides
// the other ways: without renames, a drop and a create as before (the rename only offered); and back from B to A
// with renames, the schema renamed back, then what is renamed inside it and the table moved out of it (once the
// schema it moves into is there), then the renamed table's key.

const pair = join(import.meta.dirname, 'pairs', 'rename-schema');

describe.each(pgServers())('a renamed schema on $label', (server) => {
  const sfx = uniqueSuffix();
  const roles = { anon: `sr_anon_${sfx}`, auth: `sr_auth_${sfx}` };
  const side = (name: string) =>
    readFileSync(join(pair, name), 'utf8').replace(
      /\{\{(anon|auth)\}\}/g,
      (_, r: 'anon' | 'auth') => roles[r],
    );
  beforeAll(async () => {
    await superuserQuery(server, `CREATE ROLE ${roles.anon}; CREATE ROLE ${roles.auth};`);
  });
  afterAll(async () => {
    await superuserQuery(server, `DROP ROLE IF EXISTS ${roles.anon}; DROP ROLE IF EXISTS ${roles.auth};`);
  });

  it('is dropped and created without renames', async () => {
    // Its rows are lost (a shipment's key to an order would stop the migration): A without them.
    const sql = await migrate(server, side('a.sql').replace(/^INSERT .*$/gm, ''), side('b.sql'));
    expect(sql).toContain('DROP SCHEMA app');
    expect(sql).toContain('CREATE SCHEMA core');
    expect(sql.filter((s) => / RENAME | SET SCHEMA /.test(s))).toEqual([]);
  });

  it('is renamed back with renames, before the renames inside it', async () => {
    const sql = await migrate(server, side('b.sql'), side('a.sql'), { renames: 'all' });
    expect(sql.filter((s) => / RENAME | SET SCHEMA /.test(s))).toEqual([
      'ALTER SCHEMA core RENAME TO app',
      'ALTER TABLE app.memos RENAME TO notes',
      'ALTER TABLE app.tasks RENAME COLUMN name TO title',
      'ALTER TABLE ship.legacy SET SCHEMA app',
      'ALTER FUNCTION app.hello(n text) RENAME TO greet',
      "ALTER TYPE app.level RENAME VALUE 'high' TO 'hi'",
      'ALTER TABLE app.notes RENAME CONSTRAINT memos_pkey TO notes_pkey',
      // From 18 a NOT NULL is a constraint whose name a table's rename leaves as it was.
      ...(server.major >= 18
        ? ['ALTER TABLE app.notes RENAME CONSTRAINT memos_id_not_null TO notes_id_not_null']
        : []),
    ]);
  });
});
