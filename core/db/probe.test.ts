import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../embedded/free-port.js';
import { probePostgres } from './probe.js';

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server that answers the first packet with `reply` (or stays silent when null). */
function serve(reply: Buffer | null): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => {
      if (reply) socket.write(reply);
    });
  });
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    }),
  );
}

describe('probePostgres', () => {
  it("recognises PostgreSQL's answers to an SSLRequest: 'S', 'N', or an ErrorResponse", async () => {
    expect(await probePostgres('127.0.0.1', await serve(Buffer.from('N')))).toBe('postgres');
    expect(await probePostgres('127.0.0.1', await serve(Buffer.from('S')))).toBe('postgres');
    const error = Buffer.concat([Buffer.from('E'), Buffer.from([0, 0, 0, 20]), Buffer.alloc(16)]);
    expect(await probePostgres('127.0.0.1', await serve(error))).toBe('postgres');
  });

  it('calls anything else not PostgreSQL, and a closed port unreachable', async () => {
    expect(
      await probePostgres('127.0.0.1', await serve(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'))),
    ).toBe('not-postgres');
    expect(await probePostgres('127.0.0.1', await serve(Buffer.from('Error: nope')))).toBe('not-postgres');
    expect(await probePostgres('127.0.0.1', await serve(null), 300)).toBe('not-postgres');
    expect(await probePostgres('127.0.0.1', await freePort())).toBe('unreachable');
  });
});
