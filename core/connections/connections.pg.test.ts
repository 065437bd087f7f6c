import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
} from '../../test/pg.js';
import { createStudioContext } from '../app/context.js';
import { dispatch } from '../app/dispatch.js';
import { handlers } from '../app/handlers.js';
import { freePort } from '../embedded/free-port.js';
import { ConnectionManager } from './manager.js';
import { fakeEnvironment } from './test-environment.js';

describe.each(pgServers())('connections ($label)', (server) => {
  let db: TempDatabase;
  const owner = `gh_owner_${uniqueSuffix()}`;
  const password = `pw-${uniqueSuffix()}`;
  const url = new URL(server.superuserUri);
  const host = url.hostname;
  const port = Number(url.port);
  // An empty environment: the developer's own PG* variables and ~/.pgpass must not leak into the tests.
  const manager = () =>
    new ConnectionManager({ environment: fakeEnvironment(), retryDelaysMs: [0, 100, 300] });

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_conn');
    await superuserQuery(server, `CREATE ROLE "${owner}" LOGIN CREATEROLE PASSWORD '${password}'`);
    await superuserQuery(server, `ALTER DATABASE "${db.name}" OWNER TO "${owner}"`);
    await superuserQuery(
      server,
      `CREATE SCHEMA app AUTHORIZATION "${owner}"; CREATE TABLE app.t (id int); ALTER TABLE app.t OWNER TO "${owner}";`,
      db.name,
    );
  });
  afterAll(async () => {
    await db.drop();
    await superuserQuery(server, `DROP ROLE IF EXISTS "${owner}"`);
  });

  const ownerParams = () => ({
    host,
    port,
    user: owner,
    password,
    database: db.name,
    sslmode: 'disable' as const,
  });

  it('connects from PG* variables and ~/.pgpass alone, as libpq would', async () => {
    const environment = fakeEnvironment({
      env: { PGHOST: host, PGPORT: String(port), PGUSER: owner, PGDATABASE: db.name, PGSSLMODE: 'disable' },
      files: { '/home/ann/.pgpass': `# test\n${host}:${port}:*:${owner}:${password.replace(/:/g, '\\:')}\n` },
    });
    const m = new ConnectionManager({ environment });
    const { whoami, warnings } = await m.test({});
    expect(whoami).toMatchObject({ currentUser: owner, database: db.name });
    expect(warnings).toEqual([]);
  });

  it('a wrong password is GH101 with a hint about the password and pg_hba', async () => {
    await expect(manager().test({ ...ownerParams(), password: 'wrong' })).rejects.toMatchObject({
      code: 'GH101',
      hint: expect.stringMatching(/password.*pg_hba/),
    });
  });

  it('an unreachable port is GH100', async () => {
    const closed = await freePort();
    await expect(manager().test({ ...ownerParams(), port: closed })).rejects.toMatchObject({
      code: 'GH100',
      message: expect.stringContaining(`${host}:${closed}`),
    });
  });

  it('a missing database is GH109', async () => {
    await expect(manager().test({ ...ownerParams(), database: 'no_such_db_here' })).rejects.toMatchObject({
      code: 'GH109',
    });
  });

  it('sslmode=prefer falls back to plain text when the server has no TLS', async () => {
    const { whoami } = await manager().test({ ...ownerParams(), sslmode: 'prefer' });
    expect(whoami.ssl).toBe(false);
    await expect(manager().test({ ...ownerParams(), sslmode: 'require' })).rejects.toMatchObject({
      code: 'GH106',
    });
  });

  it('warns when connected as a superuser', async () => {
    const { whoami, warnings } = await manager().test({ uri: server.superuserUri, sslmode: 'disable' });
    expect(whoami.superuser).toBe(true);
    expect(warnings.join(' ')).toMatch(
      /superuser\. RLS does not apply to this role.*connect as the owner role/,
    );
  });

  it('warns about BYPASSRLS', async () => {
    const role = `gh_bypass_${uniqueSuffix()}`;
    await superuserQuery(server, `CREATE ROLE "${role}" LOGIN BYPASSRLS PASSWORD 'x'`);
    try {
      const { warnings } = await manager().test({ ...ownerParams(), user: role, password: 'x' });
      expect(warnings.join(' ')).toMatch(/BYPASSRLS\. RLS does not apply/);
    } finally {
      await superuserQuery(server, `DROP ROLE "${role}"`);
    }
  });

  it('a non-superuser owner connects without warnings and sees what it owns', async () => {
    const m = manager();
    const { id, whoami, warnings } = await m.open(ownerParams(), { id: 'owner' });
    try {
      expect(warnings).toEqual([]);
      expect(whoami).toMatchObject({
        currentUser: owner,
        sessionUser: owner,
        superuser: false,
        bypassRls: false,
        createRole: true,
        database: db.name,
        ownedSchemas: 1,
        ownedRelations: 1,
      });
      expect(Math.floor(whoami.serverVersionNum / 10000)).toBe(server.major);
      const appName = await m.withClient(id, async (c) => (await c.query('SHOW application_name')).rows[0]);
      expect(appName).toEqual({ application_name: 'gatehouse' });
      expect(m.defaultId).toBe('owner');
    } finally {
      await m.closeAll();
    }
  });

  it('survives the backend being terminated: the next call reconnects and works', async () => {
    const m = manager();
    const { id } = await m.open(ownerParams());
    try {
      const pid = await m.withClient(
        id,
        async (c) => (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid,
      );
      await superuserQuery(server, `SELECT pg_terminate_backend(${Number(pid)}, 5000)`);
      // The pool notices the idle client's death and reports the loss.
      for (let i = 0; i < 50 && m.state(id) === 'connected'; i++) await new Promise((r) => setTimeout(r, 50));
      expect(m.state(id)).toBe('lost');
      expect(m.status()[0]?.lastError).toMatch(/lost/);
      const again = await m.withClient(
        id,
        async (c) => (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid,
      );
      expect(again).not.toBe(pid);
      expect(m.state(id)).toBe('connected');
    } finally {
      await m.closeAll();
    }
  });

  it('reports a dead server, backs off, and reconnects once it is back', async () => {
    // A TCP proxy in front of the server stands in for the network or the server going away.
    const sockets = new Set<Socket>();
    const startProxy = (listenPort: number) =>
      new Promise<Server>((resolve) => {
        const proxy = createServer((inbound) => {
          const outbound = connect({ host, port });
          for (const s of [inbound, outbound]) {
            sockets.add(s);
            s.on('error', () => undefined);
            s.on('close', () => sockets.delete(s));
          }
          inbound.pipe(outbound).pipe(inbound);
        });
        proxy.listen(listenPort, '127.0.0.1', () => resolve(proxy));
      });
    const stopProxy = (proxy: Server) =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => resolve());
      });
    const proxyPort = await freePort();
    let proxy = await startProxy(proxyPort);
    const m = new ConnectionManager({
      environment: fakeEnvironment(),
      retryDelaysMs: [0, 50],
      backoffMs: 800,
    });
    const { id } = await m.open({ ...ownerParams(), host: '127.0.0.1', port: proxyPort });
    try {
      await m.withClient(id, (c) => c.query('SELECT 1'));
      await stopProxy(proxy);
      for (let i = 0; i < 50 && m.state(id) === 'connected'; i++) await new Promise((r) => setTimeout(r, 20));
      expect(m.state(id)).toBe('lost');
      await expect(m.withClient(id, (c) => c.query('SELECT 1'))).rejects.toMatchObject({ code: 'GH100' });
      expect(m.state(id)).toBe('lost');
      // While backing off, calls fail at once instead of hanging the UI.
      const t0 = Date.now();
      await expect(m.withClient(id, (c) => c.query('SELECT 1'))).rejects.toMatchObject({ code: 'GH100' });
      expect(Date.now() - t0).toBeLessThan(100);
      proxy = await startProxy(proxyPort);
      await new Promise((r) => setTimeout(r, 900));
      const { rows } = await m.withClient(id, (c) => c.query('SELECT current_user AS u'));
      expect(rows[0]).toEqual({ u: owner });
      expect(m.state(id)).toBe('connected');
      expect(m.status()[0]?.lastError).toBeNull();
    } finally {
      await m.closeAll();
      await stopProxy(proxy);
    }
  });

  it('retries a query that fails because its session was killed mid-use', async () => {
    const m = manager();
    const { id } = await m.open(ownerParams());
    try {
      let calls = 0;
      const result = await m.withClient(id, async (c) => {
        calls++;
        if (calls === 1) {
          const { rows } = await c.query('SELECT pg_backend_pid() AS pid');
          await superuserQuery(server, `SELECT pg_terminate_backend(${Number(rows[0].pid)}, 5000)`);
          await c.query('SELECT 1');
        }
        return (await c.query('SELECT 42 AS answer')).rows[0].answer;
      });
      expect(result).toBe(42);
      expect(calls).toBe(2);
    } finally {
      await m.closeAll();
    }
  });

  it('serves the contract through dispatch: open, status, close; errors as envelopes', async () => {
    const context = createStudioContext({
      mode: 'cli',
      version: 't',
      dataDir: '/nonexistent/gh',
      manager: { environment: fakeEnvironment() },
    });
    const bad = await dispatch(handlers, context, 'connections.test', {
      params: { ...ownerParams(), password: 'no' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'GH101' } });
    const opened = await dispatch(handlers, context, 'connections.open', {
      params: ownerParams(),
      name: 'mine',
    });
    expect(opened).toMatchObject({ ok: true, value: { whoami: { currentUser: owner }, warnings: [] } });
    const status = await dispatch(handlers, context, 'connections.status', {});
    expect(status).toMatchObject({
      ok: true,
      value: { connections: [{ name: 'mine', state: 'connected' }] },
    });
    const id = opened.ok ? (opened.value as { id: string }).id : '';
    expect(await dispatch(handlers, context, 'connections.close', { id })).toEqual({
      ok: true,
      value: { closed: true },
    });
    await context.connections.closeAll();
  });
});
