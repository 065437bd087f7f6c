import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
} from '../../../test/pg.js';
import { createStudioContext, type StudioContext } from '../../app/context.js';
import { dispatch } from '../../app/dispatch.js';
import { handlers } from '../../app/handlers.js';
import { fakeEnvironment } from '../../connections/test-environment.js';

describe.each(pgServers())('act-as row check: rows RLS hid ($label)', (server) => {
  let db: TempDatabase;
  let context: StudioContext;
  let dataDir: string;
  let connectionId = '';
  const suffix = uniqueSuffix();
  const dev = `gh_rc_dev_${suffix}`;
  const user = `gh_rc_user_${suffix}`;
  const url = new URL(server.superuserUri);
  const call = async (name: Parameters<typeof dispatch>[2], input: unknown) => {
    const r = await dispatch(handlers, context, name, input);
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };
  const request = (method: string, path: string, sub: string, body: string | null = null) =>
    call('actAs.request', {
      connectionId,
      method,
      path,
      headers: body === null ? [] : [['Content-Type', 'application/json']],
      body,
      persona: { type: 'claims', claims: { role: user, sub } },
    }) as Promise<{ response: { status: number; body: string }; rowCheck: unknown; sql: unknown[] }>;

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_rowcheck');
    // The developer owns the table (not a superuser, no BYPASSRLS): RLS does not filter the owner.
    await superuserQuery(server, `CREATE ROLE "${dev}" LOGIN PASSWORD 'pw' NOSUPERUSER NOBYPASSRLS`);
    await superuserQuery(server, `CREATE ROLE "${user}" NOLOGIN; GRANT "${user}" TO "${dev}"`);
    await superuserQuery(server, `GRANT CREATE ON SCHEMA public TO "${dev}"`, db.name);
    await superuserQuery(
      server,
      `SET ROLE "${dev}";
       CREATE TABLE public.orders (id int PRIMARY KEY, user_id text, status text);
       INSERT INTO public.orders VALUES (1, 'alice', 'new'), (2, 'alice', 'new'), (3, 'bob', 'new');
       ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;
       CREATE POLICY orders_owner ON public.orders FOR ALL TO "${user}"
         USING (user_id = current_setting('request.jwt.claims', true)::json ->> 'sub');
       GRANT SELECT, DELETE, UPDATE ON public.orders TO "${user}";`,
      db.name,
    );
    dataDir = mkdtempSync(join(tmpdir(), 'gh-rowcheck-'));
    context = createStudioContext({
      mode: 'cli',
      version: 't',
      dataDir,
      manager: { environment: fakeEnvironment() },
    });
    const opened = (await call('connections.open', {
      params: {
        host: url.hostname,
        port: Number(url.port),
        user: dev,
        password: 'pw',
        database: db.name,
        sslmode: 'disable',
      },
    })) as { id: string };
    connectionId = opened.id;
    await call('actAs.config.set', {
      connectionId,
      text: `db-schemas = "public"\ndb-anon-role = "${user}"\n`,
    });
  });
  afterAll(async () => {
    await context?.connections.closeAll();
    await db.drop();
    await superuserQuery(server, `DROP ROLE IF EXISTS "${user}"; DROP ROLE IF EXISTS "${dev}"`);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("PATCH of bob's order as alice: 0 of 1 matching rows, and PostgREST's answer is unchanged", async () => {
    const r = await request('PATCH', '/orders?id=eq.3', 'alice', '{"status":"shipped"}');
    expect(r.response.status).toBe(204);
    expect(r.rowCheck).toEqual({
      command: 'UPDATE',
      schema: 'public',
      table: 'orders',
      role: user,
      matching: 1,
      affected: 0,
    });
    // The count ran on the developer's own connection: nothing was added to the request's transaction.
    expect(JSON.stringify(r.sql)).not.toContain('gh_match');
  });

  it('DELETE without a filter as alice touches 2 of 3', async () => {
    const r = await request('DELETE', '/orders', 'alice');
    expect(r.response.status).toBe(204);
    expect(r.rowCheck).toMatchObject({ command: 'DELETE', matching: 3, affected: 2 });
  });

  it('reads count the rows visible to the persona, not the page', async () => {
    const r = await request('GET', '/orders?select=id&limit=1', 'alice');
    expect(r.response.status).toBe(200);
    expect(JSON.parse(r.response.body)).toHaveLength(1);
    expect(r.rowCheck).toMatchObject({ command: 'SELECT', matching: 3, affected: 2 });
    const filtered = await request('GET', '/orders?user_id=eq.bob', 'bob');
    expect(filtered.rowCheck).toMatchObject({ matching: 1, affected: 1 });
  });

  it('the rolled-back write left the rows as they were', async () => {
    await request('PATCH', '/orders?id=eq.1', 'alice', '{"status":"shipped"}');
    const r = await request('GET', '/orders?id=eq.1&select=status', 'alice');
    expect(JSON.parse(r.response.body)).toEqual([{ status: 'new' }]);
  });

  it('measures nothing for an error or an insert', async () => {
    const r = await request('POST', '/orders', 'alice', '{"id":9,"user_id":"alice"}');
    expect(r.response.status).toBeGreaterThanOrEqual(400);
    expect(r.rowCheck).toBeNull();
  });

  it('reads the session as db-pre-request left it: the cookie became a subject, a setting was added', async () => {
    await superuserQuery(
      server,
      `SET ROLE "${dev}";
       CREATE FUNCTION public.pre() RETURNS void LANGUAGE plpgsql AS $$
       BEGIN
         IF current_setting('request.cookies', true)::json ->> 'session' = 'bob-s' THEN
           PERFORM set_config('request.jwt.claims', json_build_object('role', current_user, 'sub', 'bob')::text, true);
           PERFORM set_config('app.session', 'bob-s', true);
         END IF;
       END $$;
       GRANT EXECUTE ON FUNCTION public.pre() TO "${user}";`,
      db.name,
    );
    await call('actAs.config.set', {
      connectionId,
      text: `db-schemas = "public"\ndb-anon-role = "${user}"\ndb-pre-request = "public.pre"\n`,
    });
    try {
      const r = (await call('actAs.request', {
        connectionId,
        method: 'GET',
        path: '/orders?select=id',
        headers: [['Cookie', 'session=bob-s']],
        body: null,
        persona: { type: 'anon' },
      })) as {
        response: { body: string };
        context: { cookies: unknown; afterPreRequest: unknown };
        rowCheck: unknown;
      };
      expect(JSON.parse(r.response.body)).toEqual([{ id: 3 }]);
      expect(r.context.cookies).toEqual([['session', 'bob-s']]);
      expect(r.context.afterPreRequest).toEqual({
        role: user,
        claims: { role: user, sub: 'bob' },
        changed: expect.arrayContaining([
          ['app.session', 'bob-s'],
          ['request.jwt.claims', `{"role" : "${user}", "sub" : "bob"}`],
        ]) as unknown,
      });
      // The persona's own count ran through the same pre-request: bob's one order of three.
      expect(r.rowCheck).toMatchObject({ matching: 3, affected: 1 });
    } finally {
      await call('actAs.config.set', {
        connectionId,
        text: `db-schemas = "public"\ndb-anon-role = "${user}"\n`,
      });
    }
  });
});
