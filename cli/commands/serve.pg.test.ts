import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueSuffix, type TempDatabase, newestServerOnly } from '../../test/pg.js';
import { createActAsTestDatabase } from '../../test/act-as-db.js';
import { loadPostgrestConfig } from '../../core/act-as/config/index.js';
import { signClaims } from '../../core/act-as/persona.js';
import { actAsTestSchema } from '../../core/act-as/test-schema.js';
import { startActAsServer, type ActAsServer } from './serve.js';

describe.each(newestServerOnly())('gatehouse serve on $label', (server) => {
  const s = actAsTestSchema(uniqueSuffix());
  let db: TempDatabase;
  let srv: ActAsServer;
  let userToken: string;

  beforeAll(async () => {
    db = await createActAsTestDatabase(server, s);
    const u = new URL(server.superuserUri);
    const config = loadPostgrestConfig({
      text: s.conf(u.hostname, u.port, db.name) + '\ndb-tx-end = "commit-allow-override"',
      env: {},
    });
    srv = await startActAsServer({ db: db.uri, config, port: 0 });
    userToken = await signClaims({ role: s.user, sub: 'u1' }, new TextEncoder().encode(s.secret));
  });

  afterAll(async () => {
    await srv?.close();
    await db?.drop();
  });

  it('answers reads like PostgREST, on 127.0.0.1', async () => {
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await fetch(`${srv.url}/items?select=id&order=id&limit=2`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-range')).toBe('0-1/*');
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await r.json()).toEqual([{ id: 1 }, { id: 2 }]);
    const h = await fetch(`${srv.url}/items`, { method: 'HEAD' });
    expect(h.status).toBe(200);
    expect(await h.text()).toBe('');
    const o = await fetch(`${srv.url}/items`, { method: 'OPTIONS' });
    expect(o.headers.get('allow')).toBe('OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE');
  });

  it('commits per db-tx-end, and honours Prefer: tx=rollback', async () => {
    const auth = { Authorization: `Bearer ${userToken}`, 'Content-Type': 'application/json' };
    const rolled = await fetch(`${srv.url}/items`, {
      method: 'POST',
      headers: { ...auth, Prefer: 'tx=rollback' },
      body: JSON.stringify({ id: 20, name: 'x' }),
    });
    expect(rolled.status).toBe(201);
    expect(rolled.headers.get('preference-applied')).toBe('tx=rollback');
    expect((await fetch(`${srv.url}/items?id=eq.20`).then((r) => r.json())) as unknown[]).toEqual([]);
    const kept = await fetch(`${srv.url}/items`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ id: 21, name: 'y' }),
    });
    expect(kept.status).toBe(201);
    expect(await fetch(`${srv.url}/items?select=id&id=eq.21`).then((r) => r.json())).toEqual([{ id: 21 }]);
  });

  it('answers errors with PostgREST bodies and headers', async () => {
    const r = await fetch(`${srv.url}/items?id=eq.1`, { method: 'DELETE' });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer');
    expect(await r.json()).toMatchObject({ code: '42501' });
    const bad = await fetch(`${srv.url}/items`, { headers: { Authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ code: 'PGRST301' });
  });

  it('answers CORS like PostgREST for requests with an Origin', async () => {
    const pre = await fetch(`${srv.url}/items`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://app.test',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toBe('Authorization, content-type');
    const get = await fetch(`${srv.url}/items?select=id&limit=1`, { headers: { Origin: 'http://app.test' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    expect(get.headers.get('access-control-expose-headers')).toContain('Content-Range');
    const plain = await fetch(`${srv.url}/items?select=id&limit=1`);
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });
});
