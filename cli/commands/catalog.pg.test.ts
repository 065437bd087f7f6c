import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogSchema } from '../../shared/model/catalog.js';
import {
  createTempDatabase,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
  newestServerOnly,
} from '../../test/pg.js';
import { freePort } from '../../core/embedded/free-port.js';
import { runCli } from '../run-cli.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env: {} },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe.each(newestServerOnly())('gatehouse catalog ($label)', (server) => {
  let db: TempDatabase;
  const role = `gh_cli_${uniqueSuffix()}`;

  beforeAll(async () => {
    db = await createTempDatabase(server);
    await superuserQuery(
      server,
      `CREATE ROLE "${role}" NOLOGIN BYPASSRLS;
       CREATE SCHEMA shop;
       CREATE TABLE shop.items (id int PRIMARY KEY, name text NOT NULL);
       ALTER TABLE shop.items ENABLE ROW LEVEL SECURITY;
       CREATE POLICY items_read ON shop.items FOR SELECT TO "${role}" USING (id > 0);
       GRANT SELECT (name) ON shop.items TO "${role}";`,
      db.name,
    );
  });

  afterAll(async () => {
    await db?.drop();
    await superuserQuery(server, `DROP ROLE IF EXISTS "${role}"`);
  });

  it('prints the catalog model as JSON with --json', async () => {
    const c = capture();
    expect(await runCli(['catalog', '--db', db.uri, '--json'], c.io)).toBe(0);
    const catalog = catalogSchema.parse(JSON.parse(c.out()));
    expect(catalog.server.major).toBe(server.major);
    const items = catalog.relations.find((r) => r.schema === 'shop' && r.name === 'items');
    expect(items?.columns.map((col) => col.name)).toEqual(['id', 'name']);
    expect(items?.rlsEnabled).toBe(true);
    expect(catalog.policies.find((p) => p.name === 'items_read')?.using).toBe('(id > 0)');
    expect(catalog.grants).toContainEqual(
      expect.objectContaining({
        object: { kind: 'column', schema: 'shop', name: 'items', member: 'name' },
        grantee: { kind: 'role', name: role },
        privilege: 'SELECT',
      }),
    );
  });

  it('prints a readable summary without --json', async () => {
    const c = capture();
    expect(await runCli(['catalog', '--db', db.uri, '--schema', 'shop'], c.io)).toBe(0);
    const text = c.out();
    expect(text).toContain(`Catalog of database "${db.name}"`);
    expect(text).toMatch(/relations\s+1 \(1 table\)/);
    expect(text).toMatch(new RegExp(`${role}\\s+nologin bypassrls`));
    expect(text).toMatch(/shop\.items\s+table\s+owner postgres\s+2 columns\s+RLS on\s+1 policy/);
  });

  it('maps connection failures to GH codes with hints and no stack trace', async () => {
    const refused = capture();
    const port = await freePort();
    expect(
      await runCli(['catalog', '--db', `postgresql://postgres@127.0.0.1:${port}/postgres`], refused.io),
    ).toBe(1);
    expect(refused.err()).toContain('error GH100');
    expect(refused.err()).toContain('hint:');
    expect(refused.err()).not.toMatch(/\n\s+at /);

    const missing = capture();
    const noDb = new URL(db.uri);
    noDb.pathname = '/gh_no_such_database';
    expect(await runCli(['catalog', '--db', noDb.toString()], missing.io)).toBe(1);
    expect(missing.err()).toContain('error GH109');

    const badPassword = capture();
    const wrong = new URL(db.uri);
    wrong.password = 'not-the-password';
    expect(await runCli(['catalog', '--db', wrong.toString()], badPassword.io)).toBe(1);
    expect(badPassword.err()).toContain('error GH101');
  });

  it('asks for --db', async () => {
    const c = capture();
    expect(await runCli(['catalog'], c.io)).toBe(2);
    expect(c.err()).toContain('--db is required');
  });
});
