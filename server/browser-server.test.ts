import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlers } from '../core/app/handlers.js';
import { createStudioContext } from '../core/app/context.js';
import { GatehouseError } from '../shared/errors.js';
import { startBrowserServer, type RunningBrowserServer } from './browser-server.js';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch: fetch will not let a test forge Host. */
function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

let root: string;
let server: RunningBrowserServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'gatehouse-server-test-'));
  const web = join(root, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>studio</title>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  server = await startBrowserServer({
    handlers,
    context: createStudioContext({ mode: 'browser', version: '1.2.3', dataDir: root }),
    staticDir: web,
    maxBodyBytes: 1024,
  });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

function call(name: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  return send(server.port, {
    method: 'POST',
    path: `/api/call/${name}`,
    headers: { 'content-type': 'application/json', 'x-gatehouse-token': server.token, ...headers },
    body,
  });
}

describe('startBrowserServer', () => {
  it('listens on 127.0.0.1 with a random port and a long random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses to bind anywhere but 127.0.0.1', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'localhost']) {
      const attempt = startBrowserServer({
        handlers,
        context: createStudioContext({ mode: 'browser', version: '0', dataDir: root }),
        host,
      });
      await expect(attempt).rejects.toBeInstanceOf(GatehouseError);
      await expect(attempt).rejects.toMatchObject({ code: 'GH304' });
    }
  });

  it('answers a call with the token header as an envelope, never cached', async () => {
    const reply = await call('studio.info', '{}');
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(reply.body)).toEqual({
      ok: true,
      value: { version: '1.2.3', mode: 'browser', platform: process.platform },
    });
  });

  it('refuses calls without the token or with a wrong one (GH302)', async () => {
    for (const headers of [
      { 'x-gatehouse-token': '' },
      { 'x-gatehouse-token': server.token.slice(1) + 'x' },
    ]) {
      const reply = await call('studio.info', '{}', headers);
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body).error.code).toBe('GH302');
    }
  });

  it('trades the token in the page URL for an HttpOnly SameSite=Strict cookie that authenticates later requests', async () => {
    const page = await send(server.port, { path: `/?token=${server.token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>studio</title>');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const pair = cookie.split(';')[0]!;
    const asset = await send(server.port, { path: '/assets/app.js', headers: { cookie: pair } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
    const viaCookie = await send(server.port, {
      method: 'POST',
      path: '/api/call/studio.info',
      headers: { cookie: pair, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(viaCookie.status).toBe(200);
  });

  it('refuses the page and assets without a token', async () => {
    expect((await send(server.port, { path: '/' })).status).toBe(401);
    expect((await send(server.port, { path: '/?token=wrong' })).status).toBe(401);
    expect((await send(server.port, { path: '/assets/app.js' })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) with GH303', async () => {
    for (const host of [
      'evil.example:80',
      `evil.example:${server.port}`,
      '127.0.0.1',
      `127.0.0.1:${server.port + 1}`,
    ]) {
      const reply = await send(server.port, {
        method: 'POST',
        path: '/api/call/studio.info',
        headers: { host, 'content-type': 'application/json', 'x-gatehouse-token': server.token },
        body: '{}',
      });
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body).error.code).toBe('GH303');
    }
    const localhost = await call('studio.info', '{}', { host: `localhost:${server.port}` });
    expect(localhost.status).toBe(200);
  });

  it('refuses a cross-origin request with GH303 and accepts the same origin', async () => {
    const foreign = await call('studio.info', '{}', { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe('GH303');
    const otherPort = await call('studio.info', '{}', { origin: `http://127.0.0.1:${server.port + 1}` });
    expect(otherPort.status).toBe(403);
    const same = await call('studio.info', '{}', { origin: `http://127.0.0.1:${server.port}` });
    expect(same.status).toBe(200);
  });

  it('sets the strict CSP and hardening headers on every response, errors included', async () => {
    const replies = [
      await send(server.port, { path: '/' }),
      await send(server.port, { path: `/?token=${server.token}` }),
      await call('studio.info', '{}'),
      await call('studio.info', '{}', { host: 'evil.example' }),
    ];
    for (const reply of replies) {
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('refuses path traversal out of the static directory', async () => {
    const cookie = `gatehouse_token_${server.port}=${server.token}`;
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/%00index.html',
      '/%E0%A4%A',
    ]) {
      const reply = await send(server.port, { path, headers: { cookie } });
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('do not serve');
    }
  });

  it('turns invalid input into a GH300 envelope', async () => {
    const badJson = await call('studio.info', '{nope');
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toMatchObject({ ok: false, error: { code: 'GH300' } });
    const badShape = await call('studio.info', '"a string"');
    expect(JSON.parse(badShape.body)).toMatchObject({ ok: false, error: { code: 'GH300' } });
    const notJson = await call('studio.info', '{}', { 'content-type': 'text/plain' });
    expect(notJson.status).toBe(415);
    expect(JSON.parse(notJson.body).error.code).toBe('GH300');
    const tooBig = await call('studio.info', JSON.stringify({ pad: 'x'.repeat(4096) }));
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body).error.code).toBe('GH300');
    const unknown = await call('nope.nothing', '{}');
    expect(JSON.parse(unknown.body).error.code).toBe('GH301');
  });

  it('only accepts POST for calls', async () => {
    const reply = await send(server.port, {
      path: '/api/call/studio.info',
      headers: { 'x-gatehouse-token': server.token },
    });
    expect(reply.status).toBe(405);
    expect(JSON.parse(reply.body).error.code).toBe('GH300');
  });
});
