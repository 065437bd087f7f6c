import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgServers, superuserQuery, uniqueSuffix } from '../../test/pg.js';
import { seedDemo, type DemoNames } from './demo-seed.js';

// The demo's view is security_invoker (PostgreSQL 15+), and the demo always runs on the embedded 18.
describe.each(pgServers().filter((s) => s.major >= 15))('demo seed ($label)', (server) => {
  const sfx = uniqueSuffix();
  const names: DemoNames = {
    database: `gh_demo_${sfx}`,
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
  let dev: pg.Client;

  beforeAll(async () => {
    expect(await seedDemo(target, passwords, names)).toEqual({ created: true });
    dev = new pg.Client({
      host: target.host,
      port: target.port,
      user: names.developer,
      password: passwords.developer,
      database: names.database,
    });
    await dev.connect();
  });
  afterAll(async () => {
    await dev?.end();
    await superuserQuery(server, `DROP DATABASE IF EXISTS "${names.database}" WITH (FORCE)`);
    for (const r of [names.authenticator, names.anon, names.appUser, names.appAdmin, names.developer]) {
      await superuserQuery(server, `DROP ROLE IF EXISTS "${r}"`);
    }
  });

  /** Runs `sql` as a request role with a JWT sub, the way PostgREST does, in a rolled-back transaction. */
  async function asRole(role: string, sub: string | null, sql: string): Promise<pg.QueryResult> {
    await dev.query('BEGIN');
    try {
      await dev.query(`SET LOCAL ROLE "${role}"`);
      await dev.query("SELECT set_config('request.jwt.claims', $1, true)", [
        JSON.stringify(sub === null ? { role } : { role, sub }),
      ]);
      return await dev.query(sql);
    } finally {
      await dev.query('ROLLBACK');
    }
  }

  it('is idempotent: a second run keeps the database and refreshes passwords', async () => {
    expect(await seedDemo(target, passwords, names)).toEqual({ created: false });
  });

  it('developer logs in, is not a superuser, has no BYPASSRLS, and owns everything in the demo', async () => {
    const { rows } = await dev.query(
      `SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname IN ('api','app','internal') AND c.relowner <> r.oid) AS not_owned,
              (SELECT count(*)::int FROM pg_namespace n WHERE n.nspname IN ('api','app','internal') AND n.nspowner = r.oid) AS schemas
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: true,
      not_owned: 0,
      schemas: 3,
    });
  });

  it('has the PostgREST checklist roles: authenticator LOGIN NOINHERIT, request roles NOLOGIN granted to it', async () => {
    const { rows } = await dev.query(
      `SELECT r.rolname, r.rolcanlogin, r.rolinherit, pg_has_role($1, r.oid, 'MEMBER') AS granted
         FROM pg_roles r WHERE r.rolname = ANY($2) ORDER BY r.rolname`,
      [names.authenticator, [names.authenticator, names.anon, names.appUser, names.appAdmin]],
    );
    const byName = Object.fromEntries(rows.map((r) => [r.rolname, r]));
    expect(byName[names.authenticator]).toMatchObject({ rolcanlogin: true, rolinherit: false });
    for (const r of [names.anon, names.appUser, names.appAdmin]) {
      expect(byName[r]).toMatchObject({ rolcanlogin: false, granted: true });
    }
  });

  it('enables RLS on orders and order_items, with a security_invoker view', async () => {
    const { rows } = await dev.query(
      `SELECT c.relname, c.relrowsecurity, c.reloptions FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'api' AND c.relname IN ('orders','order_items','order_totals') ORDER BY 1`,
    );
    expect(rows).toEqual([
      { relname: 'order_items', relrowsecurity: true, reloptions: null },
      { relname: 'order_totals', relrowsecurity: false, reloptions: ['security_invoker=true'] },
      { relname: 'orders', relrowsecurity: true, reloptions: null },
    ]);
  });

  it('as app_user with sub=alice you see only alice’s orders, items and totals', async () => {
    const orders = await asRole(names.appUser, 'alice', 'SELECT DISTINCT user_id FROM api.orders');
    expect(orders.rows).toEqual([{ user_id: 'alice' }]);
    const count = await asRole(names.appUser, 'alice', 'SELECT count(*)::int AS n FROM api.orders');
    expect(count.rows[0].n).toBe(2);
    const items = await asRole(
      names.appUser,
      'alice',
      'SELECT count(*)::int AS n FROM api.order_items i WHERE NOT EXISTS (SELECT FROM api.orders o WHERE o.id = i.order_id)',
    );
    expect(items.rows[0].n).toBe(0);
    const totals = await asRole(
      names.appUser,
      'alice',
      'SELECT user_id, total_cents FROM api.order_totals ORDER BY order_id',
    );
    expect(totals.rows.map((r) => r.user_id)).toEqual(['alice', 'alice']);
    const bob = await asRole(names.appUser, 'bob', 'SELECT count(*)::int AS n FROM api.orders');
    expect(bob.rows[0].n).toBe(1);
    const nobody = await asRole(names.appUser, null, 'SELECT count(*)::int AS n FROM api.orders');
    expect(nobody.rows[0].n).toBe(0);
  });

  it('app_admin sees every order; anon may read products but not orders', async () => {
    const all = await asRole(names.appAdmin, 'admin', 'SELECT count(*)::int AS n FROM api.orders');
    expect(all.rows[0].n).toBe(4);
    const products = await asRole(names.anon, null, 'SELECT count(*)::int AS n FROM api.products');
    expect(products.rows[0].n).toBe(5);
    await expect(asRole(names.anon, null, 'SELECT * FROM api.orders')).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('app_user cannot write an order for someone else (WITH CHECK)', async () => {
    await expect(
      asRole(names.appUser, 'alice', "INSERT INTO api.orders (user_id) VALUES ('bob')"),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('api.place_order places an order for the caller; api.me reads the caller’s row through SECURITY DEFINER', async () => {
    const placed = await asRole(names.appUser, 'bob', 'SELECT (api.place_order(1, 2)).user_id');
    expect(placed.rows[0].user_id).toBe('bob');
    const me = await asRole(names.appUser, 'carol', 'SELECT (api.me()).name');
    expect(me.rows[0].name).toBe('Carol Nguyen');
    await expect(asRole(names.appUser, 'carol', 'SELECT * FROM api.customers')).rejects.toMatchObject({
      code: '42501',
    });
    await expect(asRole(names.anon, null, 'SELECT api.me()')).rejects.toMatchObject({ code: '42501' });
  });

  it('app.check_session (db-pre-request) turns a session cookie into its role and subject', async () => {
    const asCookie = async (cookies: string, sql: string) => {
      await dev.query('BEGIN');
      try {
        await dev.query(`SET LOCAL ROLE "${names.anon}"`);
        await dev.query("SELECT set_config('request.cookies', $1, true)", [cookies]);
        await dev.query('SELECT app.check_session()');
        return await dev.query(sql);
      } finally {
        await dev.query('ROLLBACK');
      }
    };
    const who = await asCookie(
      '{"session":"alice-session"}',
      "SELECT current_user::text AS role, current_setting('request.jwt.claims')::json ->> 'sub' AS sub",
    );
    expect(who.rows).toEqual([{ role: names.appUser, sub: 'alice' }]);
    const none = await asCookie('{}', 'SELECT current_user::text AS role');
    expect(none.rows).toEqual([{ role: names.anon }]);
    await expect(asCookie('{"session":"forged"}', 'SELECT 1')).rejects.toMatchObject({ code: 'PT401' });
    // On every start, not only the first: a second seed keeps one row per token.
    await seedDemo(target, passwords, names);
    const n = await dev.query('SELECT count(*)::int AS n FROM internal.sessions');
    expect(n.rows[0].n).toBe(2);
  });
});
