import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActAsTestDatabase } from '../../test/act-as-db.js';
import { pgServers, superuserQuery, uniqueSuffix, type TempDatabase } from '../../test/pg.js';
import { loadPostgrestConfig } from './config/index.js';
import { startActAsServer, type ActAsServer } from './serve.js';
import { LISTENER_APPLICATION, type ListenerEvent } from './schema-listener.js';
import { actAsTestSchema } from './test-schema.js';

/** Polls `check` until it holds (the listener and the reload are asynchronous). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(pgServers())('gatehouse serve reloads on NOTIFY ($label)', (server) => {
  const s = actAsTestSchema(uniqueSuffix());
  let db: TempDatabase;
  const start = async (extra: string, events: ListenerEvent[] = []): Promise<ActAsServer> => {
    const u = new URL(server.superuserUri);
    const config = loadPostgrestConfig({ text: s.conf(u.hostname, u.port, db.name) + extra, env: {} });
    return startActAsServer({
      db: db.uri,
      config,
      port: 0,
      listenerRetryMs: 50,
      onListenerEvent: (e) => events.push(e),
    });
  };
  const status = async (srv: ActAsServer, path: string): Promise<number> =>
    (await fetch(srv.url + path)).status;
  const createTable = async (name: string) =>
    superuserQuery(
      server,
      `CREATE TABLE api.${name} (id int PRIMARY KEY); INSERT INTO api.${name} VALUES (1);
       GRANT SELECT ON api.${name} TO ${s.anon};`,
      db.name,
    );

  beforeAll(async () => {
    db = await createActAsTestDatabase(server, s);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("serves a table created after start once `NOTIFY pgrst, 'reload schema'` arrives", async () => {
    const srv = await start('');
    try {
      await eventually(async () => srv.listener?.listening === true);
      expect(await status(srv, '/items')).toBe(200);
      await createTable('fresh');
      // The schema cache was loaded before the DDL: the new table is unknown until the reload.
      expect(await status(srv, '/fresh')).toBe(404);
      await superuserQuery(server, "NOTIFY pgrst, 'reload schema'", db.name);
      await eventually(async () => (await status(srv, '/fresh')) === 200);
      expect(await (await fetch(`${srv.url}/fresh`)).json()).toEqual([{ id: 1 }]);
    } finally {
      await srv.close();
    }
  });

  it('listens on db-channel only, and ignores other payloads', async () => {
    const srv = await start('\ndb-channel = "gh_reload"');
    try {
      await eventually(async () => srv.listener?.listening === true);
      expect(await status(srv, '/items')).toBe(200);
      await createTable('on_own_channel');
      await superuserQuery(server, "NOTIFY pgrst, 'reload schema'", db.name);
      await superuserQuery(server, "NOTIFY gh_reload, 'reload config'", db.name);
      await new Promise((r) => setTimeout(r, 300));
      expect(await status(srv, '/on_own_channel')).toBe(404);
      // An empty payload reloads, like PostgREST.
      await superuserQuery(server, 'NOTIFY gh_reload', db.name);
      await eventually(async () => (await status(srv, '/on_own_channel')) === 200);
    } finally {
      await srv.close();
    }
  });

  it('listens again after losing its connection, and reloads since notifications may be lost', async () => {
    const events: ListenerEvent[] = [];
    const srv = await start('', events);
    try {
      await eventually(async () => srv.listener?.listening === true);
      expect(await status(srv, '/items')).toBe(200);
      await createTable('while_down');
      expect(await status(srv, '/while_down')).toBe(404);
      const killed = await superuserQuery(
        server,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE application_name = '${LISTENER_APPLICATION}' AND datname = current_database()`,
        db.name,
      );
      expect(killed.rowCount).toBe(1);
      // No NOTIFY: the reload after reconnecting picks the table up.
      await eventually(async () => (await status(srv, '/while_down')) === 200);
      expect(events.map((e) => e.type)).toContain('lost');
      expect(events).toContainEqual({ type: 'reload', channel: 'pgrst', reason: 'reconnected' });
      // …and it listens again.
      await eventually(async () => srv.listener?.listening === true);
      await createTable('after_reconnect');
      await superuserQuery(server, "NOTIFY pgrst, 'reload schema'", db.name);
      await eventually(async () => (await status(srv, '/after_reconnect')) === 200);
    } finally {
      await srv.close();
    }
  });

  it('does not listen with db-channel-enabled = false', async () => {
    const srv = await start('\ndb-channel-enabled = false');
    try {
      expect(srv.listener).toBeNull();
    } finally {
      await srv.close();
    }
  });
});
