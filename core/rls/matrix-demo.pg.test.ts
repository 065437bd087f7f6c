import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatrixCell, MatrixPersona } from '../../shared/contract/rls.js';
import { pgServers, superuserQuery, uniqueSuffix } from '../../test/pg.js';
import { loadPostgrestConfig, type PostgrestConfig } from '../act-as/config/index.js';
import { seedDemo, type DemoNames } from '../embedded/demo-seed.js';
import { postgrestConf } from '../embedded/postgrest-conf.js';
import { computeMatrix } from './matrix.js';
import { whyRow } from './why-row.js';
import { checksumTables } from './testing/fixture-db.js';

// The demo's view is security_invoker (PostgreSQL 15+), and the demo always runs on the embedded 18.
describe.each(pgServers().filter((s) => s.major >= 15))(
  'RLS matrix on the demo database ($label)',
  (server) => {
    const sfx = uniqueSuffix();
    const names: DemoNames = {
      database: `gh_demo_rls_${sfx}`,
      authenticator: `authenticator_${sfx}`,
      anon: `anon_${sfx}`,
      appUser: `app_user_${sfx}`,
      appAdmin: `app_admin_${sfx}`,
      developer: `developer_${sfx}`,
    };
    const passwords = { developer: `dev-${sfx}`, authenticator: `auth-${sfx}` };
    const url = new URL(server.superuserUri);
    const target = {
      host: url.hostname,
      port: Number(url.port),
      superuser: decodeURIComponent(url.username),
      superuserPassword: decodeURIComponent(url.password),
    };
    let config: PostgrestConfig;
    let dir: string;
    const connect = async () => {
      const c = new pg.Client({
        host: target.host,
        port: target.port,
        user: names.developer,
        password: passwords.developer,
        database: names.database,
      });
      await c.connect();
      return c;
    };
    // The demo's seeded personas (core/act-as/console/demo-personas.ts), as the RLS panel hands them over.
    const personas = (): MatrixPersona[] => [
      { name: 'anonymous', claims: null },
      { name: 'alice', claims: { role: names.appUser, sub: 'alice' } },
      { name: 'bob', claims: { role: names.appUser, sub: 'bob' } },
      { name: 'admin', claims: { role: names.appAdmin, sub: 'admin' } },
      { name: 'alice (cookie session)', claims: null, cookies: { session: 'alice-session' } },
    ];

    beforeAll(async () => {
      await seedDemo(target, passwords, names);
      dir = mkdtempSync(join(tmpdir(), 'gh-rls-demo-'));
      const file = join(dir, 'postgrest.conf');
      writeFileSync(
        file,
        postgrestConf({
          host: target.host,
          port: target.port,
          database: names.database,
          authenticator: names.authenticator,
          authenticatorPassword: passwords.authenticator,
          schemas: 'api',
          anonRole: names.anon,
          jwtSecret: 'x'.repeat(32),
        }),
      );
      config = loadPostgrestConfig({ file, env: {} });
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await superuserQuery(server, `DROP DATABASE IF EXISTS "${names.database}" WITH (FORCE)`);
      for (const r of [names.authenticator, names.anon, names.appUser, names.appAdmin, names.developer])
        await superuserQuery(server, `DROP ROLE IF EXISTS "${r}"`);
    });

    const cell = (cells: MatrixCell[], persona: string, relation: string, command: MatrixCell['command']) => {
      const c = cells.find((x) => x.persona === persona && x.relation === relation && x.command === command);
      if (!c) throw new Error(`no cell ${persona} ${relation} ${command}`);
      return c;
    };

    it('the customers each see their own orders, the admin all, anonymous none; the cookie session is alice', async () => {
      const client = await connect();
      const before = await checksumTables(client);
      const cells = await computeMatrix({ connect, config, personas: personas() });
      expect(await checksumTables(client)).toEqual(before);
      const all = Number((await client.query('select count(*) as n from api.orders')).rows[0].n);
      const mine = (sub: string) =>
        client
          .query('select count(*) as n from api.orders where user_id = $1', [sub])
          .then((r) => Number(r.rows[0].n));
      const [alice, bob] = [await mine('alice'), await mine('bob')];
      await client.end();

      expect(cell(cells, 'alice', 'api.orders', 'select')).toMatchObject({ allowed: true, rows: alice });
      expect(cell(cells, 'alice', 'api.orders', 'select').reason).toContain('orders_owner');
      expect(cell(cells, 'bob', 'api.orders', 'select')).toMatchObject({ allowed: true, rows: bob });
      expect(cell(cells, 'admin', 'api.orders', 'select')).toMatchObject({ allowed: true, rows: all });
      expect(alice).toBeLessThan(all);
      const anon = cell(cells, 'anonymous', 'api.orders', 'select');
      expect(anon.allowed).toBe(false);
      expect(anon.reason).toContain(`${names.anon} has no SELECT privilege on api.orders`);
      // through app.check_session: alice's rows and alice's grants, not the anonymous role's
      expect(cell(cells, 'alice (cookie session)', 'api.orders', 'select')).toMatchObject({
        allowed: true,
        rows: alice,
      });
      // every persona × every exposed relation × 4 commands
      expect(cells).toHaveLength(5 * new Set(cells.map((c) => c.relation)).size * 4);
    });

    it('a relation that cannot be read says why in its cells, never "0 rows"', async () => {
      // A view over a table its owner cannot read (made by the superuser): the developer, who holds the
      // request roles' privileges, cannot read it either.
      const owner = `gh_lock_${sfx}`;
      await superuserQuery(server, `CREATE ROLE "${owner}" NOLOGIN`);
      try {
        await superuserQuery(
          server,
          `CREATE TABLE internal.gh_locked (id int); INSERT INTO internal.gh_locked VALUES (1), (2);
         CREATE VIEW api.gh_locked AS SELECT * FROM internal.gh_locked;
         ALTER VIEW api.gh_locked OWNER TO "${owner}";
         GRANT SELECT ON api.gh_locked TO "${names.appUser}";`,
          names.database,
        );
        const cells = await computeMatrix({ connect, config, personas: personas().slice(0, 2) });
        const locked = cell(cells, 'alice', 'api.gh_locked', 'select');
        expect(locked.allowed).toBe(false);
        expect(locked.rows).toBeUndefined();
        expect(locked.reason).toMatch(/permission denied for table gh_locked/);
        const developer = await connect();
        await expect(developer.query('select * from api.gh_locked')).rejects.toMatchObject({ code: '42501' });
        await developer.end();
        expect(cell(cells, 'anonymous', 'api.gh_locked', 'select').reason).toMatch(/no SELECT privilege/);
      } finally {
        await superuserQuery(
          server,
          `DROP VIEW IF EXISTS api.gh_locked; DROP TABLE IF EXISTS internal.gh_locked; DROP ROLE IF EXISTS "${owner}"`,
          names.database,
        );
      }
    });

    it("why this row: bob's order is out for alice and for her cookie session (as app_user), in for bob", async () => {
      const client = await connect();
      try {
        const id = String(
          (await client.query("select id from api.orders where user_id = 'bob' order by id limit 1")).rows[0]
            .id,
        );
        const ask = (persona: MatrixPersona) =>
          whyRow({
            client,
            config,
            persona,
            relation: { schema: 'api', name: 'orders' },
            key: { id },
            command: 'select',
          });
        const forAlice = await ask(personas()[1]!);
        expect(forAlice.verdict).toBe(false);
        expect(forAlice.policies.find((p) => p.name === 'orders_owner')?.usingResult).toBe('false');
        expect((await ask(personas()[2]!)).verdict).toBe(true);
        const cookie = await ask({
          name: 'alice by cookie',
          claims: null,
          cookies: { session: 'alice-session' },
        });
        expect(cookie.role).toBe(names.appUser);
        expect(cookie.verdict).toBe(false);
      } finally {
        await client.end();
      }
    });
  },
);
