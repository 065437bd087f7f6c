import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GatehouseError } from '../../shared/errors.js';
import { freePort } from '../embedded/free-port.js';
import { connectClient } from './connect.js';
import { resolveConnection } from './resolve.js';
import { fakeEnvironment } from './test-environment.js';

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function listen(server: Server): Promise<number> {
  servers.push(server);
  server.on('connection', (socket: Socket) => sockets.push(socket));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    }),
  );
}

async function failure(port: number, extra: Record<string, string> = {}): Promise<GatehouseError> {
  const environment = fakeEnvironment();
  const resolved = resolveConnection(
    { host: '127.0.0.1', port, user: 'u', password: 'p', ...extra },
    environment,
  );
  try {
    const { client } = await connectClient(resolved, environment);
    await client.end();
  } catch (error) {
    expect(error).toBeInstanceOf(GatehouseError);
    return error as GatehouseError;
  }
  throw new Error('expected the connection to fail');
}

describe('connectClient failures', () => {
  it('a closed port is GH100 naming host:port and asking whether the server runs', async () => {
    const port = await freePort();
    const e = await failure(port);
    expect(e.code).toBe('GH100');
    expect(e.message).toContain(`127.0.0.1:${port}`);
    expect(e.hint).toMatch(/server running.*firewall/);
  });

  it('an unresolvable host name is GH100 about DNS', async () => {
    const environment = fakeEnvironment();
    const resolved = resolveConnection({ host: 'no-such-host.invalid', port: 5432, user: 'u' }, environment);
    const e = await connectClient(resolved, environment).then(
      () => null,
      (error: GatehouseError) => error,
    );
    expect(e?.code).toBe('GH100');
    expect(e?.message).toContain('no-such-host.invalid:5432');
  });

  it('an HTTP server on the port is GH102, for every sslmode', async () => {
    const http = createHttpServer((_req, res) => res.end('hello'));
    const port = await listen(http as unknown as Server);
    for (const sslmode of ['prefer', 'disable', 'require']) {
      const e = await failure(port, { sslmode });
      expect(e.code, sslmode).toBe('GH102');
      expect(e.message).toContain(`127.0.0.1:${port}`);
    }
  });

  it('a server answering random bytes is GH102', async () => {
    const port = await listen(
      createServer((socket) => {
        socket.on('data', () => socket.end(Buffer.from('\x00\xffgarbage-bytes\x13\x37 not postgres at all')));
        socket.on('error', () => undefined);
      }),
    );
    expect((await failure(port, { sslmode: 'disable' })).code).toBe('GH102');
    expect((await failure(port)).code).toBe('GH102');
  });

  it('a server that accepts and stays silent is GH102 once connect_timeout expires', async () => {
    const port = await listen(createServer((socket) => socket.on('error', () => undefined)));
    const e = await failure(port, { sslmode: 'disable', uri: 'connect_timeout=2' });
    expect(e.code).toBe('GH102');
  }, 15_000);
});
