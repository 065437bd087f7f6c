import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StudioContext } from '../../app/context.js';
import { demoPersonas, seedDemoPersonas } from './demo-personas.js';
import { personaStore } from './handlers.js';

const roles = { appUser: 'app_user', appAdmin: 'app_admin' };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Just what the seeding reads of the studio: where saved things live and the connection's target. */
function fakeContext(): StudioContext {
  const dir = mkdtempSync(join(tmpdir(), 'gh-demo-personas-'));
  dirs.push(dir);
  return {
    savedConnections: { file: join(dir, 'connections.json') },
    connections: { target: () => ({ host: '127.0.0.1', port: 5432, database: 'gatehouse_demo' }) },
  } as unknown as StudioContext;
}

describe('the demo’s personas', () => {
  it('are its customers alice and bob as app_user, an admin, and alice by cookie session', () => {
    const personas = demoPersonas(roles);
    expect(personas.map((p) => [p.name, p.kind])).toEqual([
      ['alice', 'claims'],
      ['bob', 'claims'],
      ['admin', 'claims'],
      ['alice (cookie session)', 'anon'],
    ]);
    const claims = Object.fromEntries(
      personas.filter((p) => p.kind === 'claims').map((p) => [p.name, JSON.parse(p.claims) as unknown]),
    );
    expect(claims).toEqual({
      alice: { role: 'app_user', sub: 'alice' },
      bob: { role: 'app_user', sub: 'bob' },
      admin: { role: 'app_admin', sub: 'admin' },
    });
    expect(personas[3]?.headers).toEqual([['Cookie', 'session=alice-session']]);
  });

  it('are seeded once per data dir: deleted ones do not come back on the next opening', async () => {
    const context = fakeContext();
    const store = personaStore(context);
    const target = '127.0.0.1:5432/gatehouse_demo';
    expect(await seedDemoPersonas(context, 'demo', roles)).toBe(true);
    expect((await store.list(target)).map((p) => p.name)).toEqual([
      'alice',
      'bob',
      'admin',
      'alice (cookie session)',
    ]);
    await store.save(target, []);
    expect(await seedDemoPersonas(context, 'demo', roles)).toBe(false);
    expect(await store.list(target)).toEqual([]);
  });
});
