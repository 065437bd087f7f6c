import { connect } from 'node:net';

/**
 * Does something PostgreSQL-shaped listen at host:port? Sends an SSLRequest (the 8-byte packet every
 * PostgreSQL answers with one byte, 'S' or 'N', or an 'E' error from very old servers). Any other reply,
 * or silence, means it is not PostgreSQL. Resolves 'unreachable' when no TCP connection could be made.
 */
export function probePostgres(
  host: string,
  port: number,
  timeoutMs = 3000,
): Promise<'postgres' | 'not-postgres' | 'unreachable'> {
  return new Promise((resolve) => {
    const socket = host.startsWith('/')
      ? connect({ path: `${host}/.s.PGSQL.${port}` })
      : connect({ host, port });
    let connected = false;
    let settled = false;
    const finish = (verdict: 'postgres' | 'not-postgres' | 'unreachable') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(verdict);
    };
    const timer = setTimeout(() => finish(connected ? 'not-postgres' : 'unreachable'), timeoutMs);
    socket.once('connect', () => {
      connected = true;
      const packet = Buffer.alloc(8);
      packet.writeInt32BE(8, 0);
      packet.writeInt32BE(80877103, 4);
      socket.write(packet);
    });
    socket.once('data', (data: Buffer) => {
      const first = data[0];
      // 'S'/'N' answer the SSLRequest and nothing follows; an 'E' is a protocol error message.
      const ok = (first === 0x53 || first === 0x4e) && data.length === 1;
      // An 'E' must be followed by a plausible message length to count as PostgreSQL's ErrorResponse.
      const length = data.length >= 5 ? data.readInt32BE(1) : -1;
      const error = first === 0x45 && length >= 4 && length < 10_000;
      finish(ok || error ? 'postgres' : 'not-postgres');
    });
    socket.once('end', () => finish(connected ? 'not-postgres' : 'unreachable'));
    socket.once('error', () => finish(connected ? 'not-postgres' : 'unreachable'));
  });
}
