import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { loadPostgrestConfig, type PostgrestConfig } from '../../core/act-as/config/index.js';
import { defaultStages } from '../../core/act-as/default-stages.js';
import { PoolRegistry } from '../../core/act-as/execute/pools.js';
import { SchemaCacheStore } from '../../core/act-as/schema-cache-store.js';
import { simulate } from '../../core/act-as/simulator.js';
import type { Stages } from '../../core/act-as/stages.js';
import type { Command } from '../command.js';

const usage = `Usage: gatehouse serve --db URI --config postgrest.conf [--port N]

A PostgREST-compatible HTTP endpoint on 127.0.0.1 answered by the act-as simulator: requests carry their own
Authorization header and commit or roll back as db-tx-end and Prefer: tx say, like PostgREST. Stop with Ctrl-C.
POST /_gatehouse/reload (or SIGUSR1) reloads the schema cache and role settings.`;

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
  reload(): void;
  close(): Promise<void>;
}

/** Starts the endpoint on 127.0.0.1 (port 0 = any free port). */
export async function startActAsServer(options: {
  readonly db: string;
  readonly config: PostgrestConfig;
  readonly port?: number;
  readonly stages?: Stages;
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    reload,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pools.closeAll();
    },
  };
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve a PostgREST-compatible endpoint on 127.0.0.1, answered by the act-as simulator.',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { db: { type: 'string' }, config: { type: 'string' }, port: { type: 'string', short: 'p' } },
    });
    if (!values.db) {
      io.stderr(usage + '\n');
      return 2;
    }
    const config = loadPostgrestConfig({ file: values.config ?? null, env: io.env });
    const port = values.port === undefined ? 3000 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr(`gatehouse serve: --port must be 0-65535, got ${values.port}\n`);
      return 2;
    }
    const server = await startActAsServer({ db: values.db, config, port });
    io.stdout(`serving PostgREST-compatible act-as on ${server.url} (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        process.off('SIGUSR1', server.reload);
        void server.close().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      process.on('SIGUSR1', server.reload);
    });
    return 0;
  },
};
