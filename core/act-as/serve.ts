import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PostgrestConfig } from './config/index.js';
import { defaultStages } from './default-stages.js';
import { PoolRegistry } from './execute/pools.js';
import { SchemaCacheStore } from './schema-cache-store.js';
import { listenForSchemaReload, type ListenerEvent, type SchemaListener } from './schema-listener.js';
import { simulate } from './simulator.js';
import { listen } from '../net/listen.js';
import type { Stages } from './stages.js';

/**
 * A PostgREST-compatible HTTP endpoint on 127.0.0.1 answered by the simulator (`gatehouse serve`): requests carry
 * their own Authorization header and commit or roll back as db-tx-end and Prefer: tx say.
 */
/** Largest request body accepted (PostgREST has no limit; this keeps a stray upload from eating memory). */
const MAX_BODY = 64 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface ActAsServer {
  readonly port: number;
  readonly url: string;
  /** The LISTEN on db-channel (null when db-channel-enabled is false). */
  readonly listener: SchemaListener | null;
  reload(): void;
  close(): Promise<void>;
}

/** Starts the endpoint on 127.0.0.1 (port 0 = any free port). */
export async function startActAsServer(options: {
  readonly db: string;
  readonly config: PostgrestConfig;
  readonly port?: number;
  readonly stages?: Stages;
  /** Told what the db-channel listener does (the CLI prints it). */
  readonly onListenerEvent?: (event: ListenerEvent) => void;
  /** The listener's first reconnect delay (PostgREST: 1 s; tests shorten it). */
  readonly listenerRetryMs?: number;
}): Promise<ActAsServer> {
  const pools = new PoolRegistry();
  const schemaCaches = new SchemaCacheStore();
  const reload = (): void => {
    schemaCaches.reload();
    for (const p of pools.all()) p.reload();
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readBody(req);
        if (req.method === 'POST' && req.url === '/_gatehouse/reload') {
          reload();
          res.writeHead(204).end();
          return;
        }
        const headers: [string, string][] = [];
        for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
          headers.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
        const r = await simulate({
          request: {
            method: req.method ?? 'GET',
            target: req.url ?? '/',
            headers,
            body: body.length ? body : null,
          },
          persona: { type: 'request' },
          config: options.config,
          connection: { developerUri: options.db },
          txEnd: 'postgrest',
          stages: options.stages ?? defaultStages,
          pools,
          schemaCaches,
        });
        const flat: string[] = [];
        for (const [k, v] of r.response.headers) flat.push(k, v);
        if (r.response.statusText !== null) res.writeHead(r.response.status, r.response.statusText, flat);
        else res.writeHead(r.response.status, flat);
        res.end(req.method === 'HEAD' ? undefined : r.response.body);
      } catch (e) {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(e instanceof Error ? e.message : String(e));
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  await listen(server, options.port ?? 0, '127.0.0.1');
  const port = (server.address() as AddressInfo).port;
  // Like PostgREST: `NOTIFY pgrst, 'reload schema'` after a migration makes the new schema served.
  const listener = options.config.dbChannelEnabled
    ? listenForSchemaReload({
        connection: { connectionString: options.db },
        channel: options.config.dbChannel,
        onReload: reload,
        ...(options.onListenerEvent ? { onEvent: options.onListenerEvent } : {}),
        ...(options.listenerRetryMs !== undefined ? { firstDelayMs: options.listenerRetryMs } : {}),
      })
    : null;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    listener,
    reload,
    close: async () => {
      await listener?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pools.closeAll();
    },
  };
}
