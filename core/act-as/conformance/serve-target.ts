import { request as httpRequest } from 'node:http';
import type { PostgrestConfig } from '../config/index.js';
import { startActAsServer, type ActAsServer } from '../serve.js';
import type { ObservedResponse } from './compare.js';
import type { ConformanceTarget, WireRequest } from './runner.js';

/** Sends one request over HTTP exactly as given (raw header names, raw body) and reads the whole answer. */
export function sendHttp(baseUrl: string, req: WireRequest): Promise<ObservedResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    // Raw header pairs keep names and duplicates as given; node then adds no Host, which HTTP/1.1 requires.
    const headers: string[] = req.headers.some(([k]) => k.toLowerCase() === 'host') ? [] : ['Host', url.host];
    for (const [k, v] of req.headers) headers.push(k, v);
    const r = httpRequest(
      { host: url.hostname, port: url.port, method: req.method, path: req.target, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const pairs: [string, string][] = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
            pairs.push([res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? '']);
          resolve({
            status: res.statusCode ?? 0,
            headers: pairs,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(req.body ?? undefined);
  });
}

/**
 * The conformance cases through `gatehouse serve`: one endpoint per fixture copy (each copy is its own database),
 * so the HTTP layer — raw headers, status lines, bodies — is checked end to end.
 */
export function serveTarget(options: {
  readonly config: PostgrestConfig;
  readonly databaseUri: (database: string) => string;
}): ConformanceTarget & { close(): Promise<void> } {
  const servers = new Map<string, Promise<ActAsServer>>();
  const serverFor = (database: string): Promise<ActAsServer> => {
    let s = servers.get(database);
    if (!s) {
      s = startActAsServer({ db: options.databaseUri(database), config: options.config, port: 0 });
      servers.set(database, s);
    }
    return s;
  };
  return {
    async answer(database, req) {
      return sendHttp((await serverFor(database)).url, req);
    },
    async release(database) {
      const s = servers.get(database);
      servers.delete(database);
      if (s) await (await s).close();
    },
    async close() {
      const all = [...servers.values()];
      servers.clear();
      for (const s of all) await (await s).close();
    },
  };
}
