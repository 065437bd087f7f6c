import { Agent, request as httpRequest } from 'node:http';
import type { PostgrestConfig } from '../../core/act-as/config/index.js';
import type { ConformanceCase } from '../../core/act-as/conformance/cases.js';
import { caseWrites, wireRequest, type WireRequest } from '../../core/act-as/conformance/runner.js';
import { defaultStages } from '../../core/act-as/default-stages.js';
import { PoolRegistry } from '../../core/act-as/execute/pools.js';
import { SchemaCacheStore } from '../../core/act-as/schema-cache-store.js';
import { loginFor, simulate } from '../../core/act-as/simulator.js';

/** The corpus cases that only read (GET, no follow-up) and succeed: the read mix. */
async function readMixRequests(
  cases: readonly ConformanceCase[],
  config: PostgrestConfig,
): Promise<WireRequest[]> {
  const out: WireRequest[] = [];
  for (const c of cases)
    // Time-bound tokens (exp/nbf/iat relative to now) would expire during the run: left out.
    if (
      !caseWrites(c) &&
      c.request.method === 'GET' &&
      c.expect.status < 300 &&
      !['exp', 'nbf', 'iat'].some((k) => c.claims !== null && k in c.claims)
    )
      out.push(await wireRequest(c, config.jwtSecret ?? ''));
  return out;
}

export interface ReadMix {
  /** The requests that answer 2xx on their own. */
  readonly requests: readonly WireRequest[];
  /** Request i of the mix through serve's HTTP endpoint (keep-alive, 8 sockets). */
  readonly viaServe: (i: number) => Promise<void>;
  /** The statements request i ran (BEGIN … COMMIT, as the simulator's trace has them), raw through a pg pool. */
  readonly raw: (i: number) => Promise<void>;
  /** `total` requests over the mix from 8 concurrent clients. */
  run(one: (i: number) => Promise<void>, total: number): Promise<{ perSecond: number; ms: number[] }>;
  close(): Promise<void>;
}

export const READ_MIX_CONCURRENCY = 8;

/**
 * The corpus read mix against `serveUrl` and, beside it, the very statements each request ran sent raw through a
 * pg pool of the simulator's size by as many concurrent workers.
 */
export async function readMixSetup(
  cases: readonly ConformanceCase[],
  config: PostgrestConfig,
  db: string,
  serveUrl: string,
): Promise<ReadMix> {
  const candidates = await readMixRequests(cases, config);
  const requests: WireRequest[] = [];
  const concurrency = READ_MIX_CONCURRENCY;
  const pools = new PoolRegistry();
  const login = loginFor(config, { developerUri: db });
  if (!login.ok) throw new Error(login.error.message);
  // The same pool settings the simulator uses (size 8), but its own instance: the raw side is not helped by warm
  // prepared statements of the serve side, nor the other way round.
  const rawPool = new PoolRegistry().get(`${login.value.key}#raw`, login.value.config);
  // Keep-alive connections, as HTTP clients of PostgREST (and the pg pool on the raw side) keep theirs.
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  // What each request runs, as the simulator's trace records it.
  const traces: { text: string; values: (string | null)[] }[][] = [];
  const caches = new SchemaCacheStore();
  for (const w of candidates) {
    const r = await simulate({
      request: { method: w.method, target: w.target, headers: w.headers, body: w.body },
      persona: { type: 'request' },
      config,
      connection: { developerUri: db },
      txEnd: 'postgrest',
      stages: defaultStages,
      pools,
      schemaCaches: caches,
    });
    // Only what answers 2xx on its own (a case may rely on a config or token the bench does not give it).
    if (r.response.status >= 300) continue;
    requests.push(w);
    traces.push(r.sql.map((st) => ({ text: st.sql, values: [...st.params] })));
  }
  await pools.closeAll();
  const port = new URL(serveUrl).port;
  const viaServe = (i: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const w = requests[i]!;
      // Raw pairs, as given (names and duplicates kept), like the conformance runner's sendHttp.
      const headers: string[] = ['Host', `127.0.0.1:${port}`];
      for (const [k, v] of w.headers) headers.push(k, v);
      const req = httpRequest(
        { host: '127.0.0.1', port, method: w.method, path: w.target, headers, agent },
        (res) => {
          res.resume();
          res.on('end', () =>
            (res.statusCode ?? 500) < 300
              ? resolve()
              : reject(new Error(`serve answered ${res.statusCode} to ${w.target}`)),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(w.body ?? undefined);
    });
  const raw = async (i: number): Promise<void> => {
    const c = await rawPool.pool.connect();
    try {
      for (const st of traces[i]!) await c.query(st.text, st.values);
    } finally {
      c.release();
    }
  };
  const run = async (
    one: (i: number) => Promise<void>,
    total: number,
  ): Promise<{ perSecond: number; ms: number[] }> => {
    let next = 0;
    const ms: number[] = [];
    const t = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < total; i = next++) {
          const s0 = performance.now();
          await one(i % requests.length);
          ms.push(performance.now() - s0);
        }
      }),
    );
    return { perSecond: total / ((performance.now() - t) / 1000), ms };
  };
  return {
    requests,
    viaServe,
    raw,
    run,
    close: async () => {
      agent.destroy();
      await rawPool.pool.end();
    },
  };
}
