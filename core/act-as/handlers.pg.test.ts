import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgServers, superuserQuery, uniqueSuffix, type TempDatabase } from '../../test/pg.js';
import { createActAsTestDatabase } from '../../test/act-as-db.js';
import { createStudioContext, type StudioContext } from '../app/context.js';
import { dispatch } from '../app/dispatch.js';
import { handlers } from '../app/handlers.js';
import { fakeEnvironment } from '../connections/test-environment.js';
import { actAsTestSchema } from './test-schema.js';

describe.each(pgServers())('actAs.* studio calls on $label', (server) => {
  const s = actAsTestSchema(uniqueSuffix());
  let db: TempDatabase;
  let context: StudioContext;
  let connectionId: string;
  const call = async (name: string, input: unknown) => {
    const r = await dispatch(handlers, context, name, input);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };

  beforeAll(async () => {
    db = await createActAsTestDatabase(server, s);
    context = createStudioContext({
      mode: 'cli',
      version: 'test',
      dataDir: mkdtempSync(join(tmpdir(), 'gh-actas-')),
      manager: { environment: fakeEnvironment() },
    });
    connectionId = (await context.connections.open({ uri: db.uri })).id;
    const u = new URL(server.superuserUri);
    await call('actAs.config.set', { connectionId, text: s.conf(u.hostname, u.port, db.name) });
  });

  afterAll(async () => {
    await context?.connections.closeAll();
    await db?.drop();
  });

  it('config.get shows the effective config, password masked', async () => {
    const r = await call('actAs.config.get', { connectionId });
    expect(r.effective).toMatchObject({
      'db-schemas': ['api'],
      'db-anon-role': s.anon,
      'jwt-secret': '(set)',
    });
    expect(String((r.effective as Record<string, unknown>)['db-uri'])).toContain('***');
  });

  it('request: answers as the persona, rolled back unless commit, with the SQL and context', async () => {
    const r = await call('actAs.request', {
      connectionId,
      method: 'POST',
      path: '/items?select=id,name',
      headers: [
        ['Prefer', 'return=representation'],
        ['Content-Type', 'application/json'],
      ],
      body: '{"id":30,"name":"thirty"}',
      persona: { type: 'claims', claims: { role: s.user, sub: 'u9' } },
    });
    const res = r.response as { status: number; body: string };
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toEqual([{ id: 30, name: 'thirty' }]);
    expect(r.committed).toBe(false);
    expect((r.context as { role: string }).role).toBe(s.user);
    expect((r.sql as { sql: string }[]).map((x) => x.sql).at(-1)).toBe('ROLLBACK');
    const n = await superuserQuery(server, 'SELECT count(*)::int AS n FROM api.items WHERE id = 30', db.name);
    expect(n.rows[0].n).toBe(0);
  });

  it('sql: runs in the persona session', async () => {
    const r = await call('actAs.sql', {
      connectionId,
      sql: "select current_user, current_setting('request.jwt.claims', true)::json->>'sub' as sub",
      persona: { type: 'claims', claims: { role: s.user, sub: 'u9' } },
    });
    expect(r.error).toBeNull();
    expect(r.results).toEqual([
      { command: 'SELECT', rowCount: 1, columns: ['current_user', 'sub'], rows: [[s.user, 'u9']] },
    ]);
    const denied = await call('actAs.sql', {
      connectionId,
      sql: 'delete from api.items',
      persona: { type: 'anon' },
    });
    expect(denied.error).toMatchObject({ code: '42501', status: 401 });
  });

  it('reload picks up schema changes, like NOTIFY pgrst', async () => {
    const get = async () =>
      (
        (await call('actAs.request', {
          connectionId,
          method: 'GET',
          path: '/later',
          persona: { type: 'claims', claims: { role: s.user } },
        })) as { response: { status: number } }
      ).response.status;
    expect(await get()).toBe(404); // loads the schema cache before the table exists
    await superuserQuery(
      server,
      `CREATE TABLE api.later (id int); GRANT SELECT ON api.later TO ${s.user}`,
      db.name,
    );
    expect(await get()).toBe(404);
    await call('actAs.reload', { connectionId });
    expect(await get()).toBe(200);
  });

  it('mintJwt and decodeJwt use the connection config', async () => {
    const { token } = (await call('actAs.mintJwt', { connectionId, claims: { role: s.user } })) as {
      token: string;
    };
    const d = await call('actAs.decodeJwt', { connectionId, token });
    expect(d).toMatchObject({ valid: true, role: s.user, header: { alg: 'HS256', typ: 'JWT' } });
    const bad = await call('actAs.decodeJwt', { connectionId, token: token + 'x' });
    expect(bad.valid).toBe(false);
    expect((bad.error as { code: string }).code).toBe('PGRST301');
  });
});

describe.each(pgServers())('act-as sessions end with their connection on $label', (server) => {
  const s = actAsTestSchema(uniqueSuffix());
  let db: TempDatabase;

  beforeAll(async () => {
    db = await createActAsTestDatabase(server, s);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const actAsSessions = async (): Promise<number> =>
    (
      await superuserQuery(
        server,
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${db.name}' AND application_name = 'gatehouse-act-as'`,
      )
    ).rows[0].n as number;

  it.each(['connections.close', 'connections.delete'])('%s closes the act-as pool', async (call) => {
    const context = createStudioContext({
      mode: 'cli',
      version: 'test',
      dataDir: mkdtempSync(join(tmpdir(), 'gh-actas-')),
      manager: { environment: fakeEnvironment() },
    });
    try {
      const connectionId = (await context.connections.open({ uri: db.uri })).id;
      const u = new URL(server.superuserUri);
      await dispatch(handlers, context, 'actAs.config.set', {
        connectionId,
        text: s.conf(u.hostname, u.port, db.name),
      });
      const r = await dispatch(handlers, context, 'actAs.sql', {
        connectionId,
        sql: 'select 1',
        persona: { type: 'claims', claims: { role: s.user } },
      });
      expect(r.ok).toBe(true);
      expect(await actAsSessions()).toBeGreaterThan(0);
      const closed = await dispatch(handlers, context, call, { id: connectionId });
      expect(closed.ok).toBe(true);
      for (let i = 0; i < 50 && (await actAsSessions()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await actAsSessions()).toBe(0);
    } finally {
      await context.connections.closeAll();
    }
  });
});
