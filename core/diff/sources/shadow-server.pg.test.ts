import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isNewestServer, pgServers } from '../../../test/pg.js';
import { withClient } from './connect.js';
import { shadowHome } from './shadow-home.js';
import { startShadowServer } from './shadow-server.js';

describe.each(pgServers().filter(isNewestServer))('shadow server of PostgreSQL $major', (server) => {
  it('runs from the shadow home (memory where there is room) and leaves nothing behind', async () => {
    const shadow = await startShadowServer(server.major);
    let dataDir: string;
    try {
      const db = await shadow.createDatabase();
      dataDir = await withClient(shadow.connect, db.uri, async (c) =>
        String(
          (await c.query<{ d: string }>("SELECT pg_catalog.current_setting('data_directory') AS d")).rows[0]
            ?.d,
        ),
      );
    } finally {
      await shadow.stop();
    }
    // <home>/gatehouse-shadow-XXXXXX/data
    expect(dirname(dirname(dataDir))).toBe(shadowHome());
    expect(basename(dirname(dataDir))).toMatch(/^gatehouse-shadow-/);
    expect(existsSync(dataDir)).toBe(false);
  });
});
