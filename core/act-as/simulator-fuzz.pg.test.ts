/**
 * Whatever arrives — random paths, query strings, headers, bodies, tokens — simulate() answers like PostgREST:
 * a success, or an error status with a JSON body {code, message, …}. It never throws and never answers GH900.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgServers, uniqueSuffix, type TempDatabase } from '../../test/pg.js';
import { createActAsTestDatabase } from '../../test/act-as-db.js';
import { loadPostgrestConfig, type PostgrestConfig } from './config/index.js';
import { defaultStages } from './default-stages.js';
import { PoolRegistry } from './execute/pools.js';
import { signClaims } from './persona.js';
import { SchemaCacheStore } from './schema-cache-store.js';
import { simulate } from './simulator.js';
import { actAsTestSchema } from './test-schema.js';

const word = fc.constantFrom(
  'items',
  'rpc/me',
  'rpc/nope',
  'nope',
  'id',
  'name',
  'owner',
  'select',
  '*',
  'a b',
  '%',
  'é',
);
const op = fc.constantFrom('eq', 'neq', 'gt', 'in', 'is', 'like', 'cs', 'fts', 'not.eq', 'bogus', '');
const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('1', 'null', '(1,2)', '{a}', '"x"', '%zz', ''),
);
const param = fc.oneof(
  fc.tuple(word, op, value).map(([k, o, v]) => `${encodeURIComponent(k)}=${o}.${encodeURIComponent(v)}`),
  fc
    .tuple(
      fc.constantFrom('select', 'order', 'limit', 'offset', 'or', 'and', 'on_conflict', 'columns'),
      value,
    )
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`),
  fc.string({ maxLength: 20 }),
);
const path = fc
  .tuple(fc.array(word, { minLength: 0, maxLength: 3 }), fc.array(param, { maxLength: 4 }))
  .map(([segs, qs]) => `/${segs.join('/')}${qs.length ? `?${qs.join('&')}` : ''}`);
const header = fc.oneof(
  fc.tuple(
    fc.constantFrom(
      'Prefer',
      'Accept',
      'Content-Type',
      'Range',
      'Accept-Profile',
      'Content-Profile',
      'X-Any',
    ),
    fc.oneof(
      fc.constantFrom(
        'return=representation',
        'count=exact',
        'tx=commit',
        'handling=strict, nope',
        'application/json',
        'text/csv',
        'application/vnd.pgrst.object+json',
        '0-1',
        'api',
        'nope',
        '*/*',
        'text/plain',
      ),
      fc.string({ maxLength: 20 }),
    ),
  ),
);
const body = fc.oneof(
  fc.constant(null),
  fc.json().map((j) => j),
  fc.constantFrom('{"id":50,"name":"z"}', '[{"id":51,"name":"w"}]', '{', 'a,b\n1,2'),
  fc.string({ maxLength: 30 }),
);

describe.each(pgServers())('simulate() fuzz on $label', (server) => {
  const s = actAsTestSchema(uniqueSuffix());
  let db: TempDatabase;
  let config: PostgrestConfig;
  let token: string;
  const pools = new PoolRegistry();
  const schemaCaches = new SchemaCacheStore();

  beforeAll(async () => {
    db = await createActAsTestDatabase(server, s);
    const u = new URL(server.superuserUri);
    config = loadPostgrestConfig({ text: s.conf(u.hostname, u.port, db.name), env: {} });
    token = await signClaims({ role: s.user, sub: 'u' }, new TextEncoder().encode(s.secret));
  });

  afterAll(async () => {
    await pools.closeAll();
    await db?.drop();
  });

  it('answers every request PostgREST-style', async () => {
    const auth = fc.oneof(
      fc.constant(null),
      fc.constant(`Bearer ${token}`),
      fc.string({ maxLength: 40 }).map((t) => `Bearer ${t}`),
      fc.constantFrom('Basic abc', 'Bearer a.b.c', 'bearer ', ''),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'TRACE'),
        path,
        fc.array(header, { maxLength: 3 }),
        body,
        auth,
        async (method, target, headers, b, authorization) => {
          const hs: [string, string][] = headers.map(([k, v]) => [k, v]);
          if (authorization !== null) hs.push(['Authorization', authorization]);
          const r = await simulate({
            request: { method, target, headers: hs, body: b },
            persona: { type: 'request' },
            config,
            connection: { developerUri: db.uri },
            txEnd: 'rollback',
            stages: defaultStages,
            pools,
            schemaCaches,
          });
          const res = r.response;
          expect(res.status).toBeGreaterThanOrEqual(200);
          expect(res.status).toBeLessThan(600);
          if (res.status >= 400) {
            const parsed = JSON.parse(res.body) as { code?: unknown; message?: unknown };
            expect(typeof parsed.code).toBe('string');
            expect(typeof parsed.message).toBe('string');
            expect(parsed.code).not.toBe('GH900');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
