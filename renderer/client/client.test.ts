import { describe, expect, it, vi } from 'vitest';
import { GatehouseError } from '../../shared/errors.js';
import { createClient } from './create-client.js';
import { createHttpTransport } from './http-transport.js';
import { takeToken } from './token.js';
import type { Transport } from './transport.js';

const info = { version: '1', mode: 'browser', platform: 'linux' };

describe('createClient', () => {
  it('returns the contract output of a successful call', async () => {
    const transport: Transport = { kind: 'ipc', send: async () => ({ ok: true, value: info }) };
    await expect(createClient(transport).call('studio.info', {})).resolves.toEqual(info);
  });

  it('rejects with a GatehouseError carrying code, details and hint', async () => {
    const transport: Transport = {
      kind: 'ipc',
      send: async () => ({
        ok: false,
        error: { code: 'GH101', message: 'rejected', details: 'password', hint: 'check it' },
      }),
    };
    const failure = createClient(transport).call('studio.info', {});
    await expect(failure).rejects.toBeInstanceOf(GatehouseError);
    await expect(failure).rejects.toMatchObject({ code: 'GH101', details: 'password', hint: 'check it' });
  });

  it('refuses an answer that does not match the contract (GH300)', async () => {
    const transport: Transport = { kind: 'ipc', send: async () => ({ ok: true, value: { version: 1 } }) };
    await expect(createClient(transport).call('studio.info', {})).rejects.toMatchObject({ code: 'GH300' });
  });
});

describe('HTTP transport', () => {
  it('POSTs JSON with the token header to /api/call/<name>', async () => {
    const fetchImpl = vi.fn(
      async (_input: string, _init: RequestInit) => new Response(JSON.stringify({ ok: true, value: info })),
    );
    const transport = createHttpTransport('tok', fetchImpl);
    await transport.send('studio.info', {});
    expect(fetchImpl).toHaveBeenCalledWith(
      '/api/call/studio.info',
      expect.objectContaining({ method: 'POST' }),
    );
    const init = fetchImpl.mock.calls[0]![1];
    expect(init.headers).toMatchObject({ 'x-gatehouse-token': 'tok', 'content-type': 'application/json' });
  });

  it('turns an unreachable host into an envelope with a hint', async () => {
    const transport = createHttpTransport('tok', async () => {
      throw new TypeError('Failed to fetch');
    });
    const reply = await transport.send('studio.info', {});
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('GH305');
      expect(reply.error.hint).toMatch(/gatehouse start/);
    }
  });

  it('names an answer without an envelope as GH306', async () => {
    const transport = createHttpTransport(
      'tok',
      async () => new Response('<html>proxy error</html>', { status: 502 }),
    );
    const reply = await transport.send('studio.info', {});
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('GH306');
      expect(reply.error.message).toContain('HTTP 502');
    }
  });
});

describe('takeToken', () => {
  it('reads ?token= once, stores it and cleans the address bar', () => {
    const stored = new Map<string, string>();
    const replaceState = vi.fn();
    const env = {
      location: { href: 'http://127.0.0.1:5000/?token=abc#c=1' },
      history: { replaceState, state: null },
      storage: {
        getItem: (k: string) => stored.get(k) ?? null,
        setItem: (k: string, v: string) => void stored.set(k, v),
      },
    };
    expect(takeToken(env)).toBe('abc');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/#c=1');
    expect(takeToken({ ...env, location: { href: 'http://127.0.0.1:5000/' } })).toBe('abc');
  });
});
