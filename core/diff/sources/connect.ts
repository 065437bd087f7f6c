import pg from 'pg';
import { connectClient } from '../../connections/connect.js';
import { systemEnvironment } from '../../connections/environment.js';
import { resolveConnection } from '../../connections/resolve.js';

/** Opens a connection to a URI; callers end it. Live sources go through libpq's rules, shadows connect plainly. */
export type Connect = (uri: string) => Promise<pg.Client>;

/** Connects as psql would (PG* variables, service file, ~/.pgpass), with Gatehouse's connection errors (GH1xx). */
export function environmentConnect(env: NodeJS.ProcessEnv = process.env): Connect {
  const environment = systemEnvironment(env);
  return async (uri) => {
    const { client } = await connectClient(resolveConnection({ uri }, environment), environment);
    client.on('error', () => undefined);
    return client;
  };
}

/** A plain connection without timeouts (a shadow database applying a large folder must not be cut off). */
export async function plainConnect(uri: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: uri });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

export async function withClient<T>(
  connect: Connect,
  uri: string,
  fn: (c: pg.Client) => Promise<T>,
): Promise<T> {
  const client = await connect(uri);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
