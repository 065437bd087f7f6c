import { mkdtempSync, readFileSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createStudioContext } from '../app/context.js';
import { startEmbeddedDefault } from './default.js';
import { DEMO_CONNECTION_ID, openEmbeddedDemo } from './open-demo.js';
import { personaStore, targetKey } from '../act-as/console/handlers.js';

// One embedded cluster of its own (not the shared test servers): what `gatehouse start` does, twice.
describe('startEmbeddedDefault', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gh-default-'));
  chmodSync(dataDir, 0o755);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('initialises and seeds on first start, reuses everything on the second', async () => {
    const first = await startEmbeddedDefault({ dataDir });
    let port: number;
    try {
      expect(first.firstRun).toBe(true);
      port = first.cluster.port;
      const client = new pg.Client(first.developer);
      await client.connect();
      const { rows } = await client.query(
        'SELECT current_user AS u, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su, (SELECT count(*)::int FROM api.orders) AS n',
      );
      await client.end();
      expect(rows[0]).toEqual({ u: 'developer', su: false, n: 4 });
      const conf = readFileSync(first.postgrestConfFile, 'utf8');
      expect(conf).toContain(`@127.0.0.1:${port}/gatehouse_demo"`);
      expect(conf).toMatch(/db-uri = "postgres:\/\/authenticator:[^"@]{16,}@/);
      expect(statSync(first.postgrestConfFile).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'embedded', 'secrets.json')).mode & 0o777).toBe(0o600);
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedDefault({ dataDir });
    try {
      expect(second.firstRun).toBe(false);
      expect(second.adopted).toBe(false);
      // A second Gatehouse on the same data dir uses the running cluster and leaves it running.
      const third = await startEmbeddedDefault({ dataDir });
      expect(third.adopted).toBe(true);
      expect(third.cluster.port).toBe(second.cluster.port);
      await third.stop();
      expect(second.cluster.port).toBe(port);
      expect(second.developer.password).toBe(first.developer.password);
      const client = new pg.Client(second.developer);
      await client.connect();
      expect((await client.query('SELECT count(*)::int AS n FROM api.products')).rows[0]).toEqual({ n: 5 });
      await client.end();
      // The studio lists the demo as a saved connection (password kept out of the file) and opens it.
      const context = createStudioContext({ mode: 'browser', version: 't', dataDir });
      try {
        const opened = await openEmbeddedDemo(context, second);
        expect(opened.warnings).toEqual([]);
        expect(context.connections.defaultId).toBe(DEMO_CONNECTION_ID);
        const [saved] = await context.savedConnections.list();
        expect(saved).toMatchObject({
          id: DEMO_CONNECTION_ID,
          hasPassword: true,
          params: { user: 'developer' },
        });
        expect(readFileSync(join(dataDir, 'connections.json'), 'utf8')).not.toContain(
          String(second.developer.password),
        );
        // First run: the demo's customers as personas, seeded once (a deleted one does not come back).
        const store = personaStore(context);
        const key = targetKey(context, DEMO_CONNECTION_ID);
        expect((await store.list(key)).map((p) => p.name)).toEqual([
          'alice',
          'bob',
          'admin',
          'alice (cookie session)',
        ]);
        await store.save(key, []);
        await openEmbeddedDemo(context, second);
        expect(await store.list(key)).toEqual([]);
      } finally {
        await context.connections.closeAll();
      }
    } finally {
      await second.stop();
    }
  }, 120_000);
});
