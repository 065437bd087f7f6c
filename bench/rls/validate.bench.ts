import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedCluster } from '../../core/embedded/cluster.js';
import { startDevStudio } from '../../server/dev.js';
import { measure, summarise, type Bench, type BenchResult } from '../bench.js';

const RUNS = Number(process.env.GATEHOUSE_BENCH_RUNS ?? 5) * 10;

/**
 * The policy editor's validation round trip, as the renderer sees it: one `rls.validate` call over browser mode's
 * HTTP (token, JSON, contract check) → libpg-query → BEGIN, the pending change set replayed, EXPLAIN, ROLLBACK on
 * PostgreSQL 18, for a valid expression, a misspelt column (PostgreSQL's error) and a syntax error (libpg-query
 * alone). Budget ≤ 100 ms each; a change set of 3 statements is pending, as while editing.
 */
export const rlsValidateBench: Bench = {
  name: 'rls-validate',
  async run(log): Promise<readonly BenchResult[]> {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-rlsv-'));
    const cluster = await startEmbeddedCluster({ dataDir: join(dir, 'data'), password: 'bench' });
    const studio = await startDevStudio({ dataDir: join(dir, 'studio') });
    try {
      const admin = new pg.Client({ connectionString: cluster.uri() });
      await admin.connect();
      await admin.query('CREATE DATABASE gh_bench_rlsv');
      await admin.end();
      const setup = new pg.Client({ connectionString: cluster.uri('gh_bench_rlsv') });
      await setup.connect();
      await setup.query(`
        CREATE SCHEMA api;
        CREATE TABLE api.notes (id int PRIMARY KEY, owner_sub text NOT NULL, tenant_id int, body text, pinned boolean);
        ALTER TABLE api.notes ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own ON api.notes USING (owner_sub = current_setting('request.jwt.claims', true)::json->>'sub');
        INSERT INTO api.notes SELECT g, 'u' || (g % 50), g % 7, 'n', g % 3 = 0 FROM generate_series(1, 10000) g;
        ANALYZE api.notes;`);
      await setup.end();
      const cookie = await login(studio.server.url);
      const call = async (name: string, input: unknown): Promise<unknown> => {
        const r = await fetch(new URL(`/api/call/${name}`, studio.server.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-gatehouse-token': studio.server.token, cookie },
          body: JSON.stringify(input),
        });
        const body = (await r.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
        if (!body.ok) throw new Error(`${name}: ${body.error?.message ?? r.status}`);
        return body.value;
      };
      const uri = new URL(cluster.uri('gh_bench_rlsv'));
      const { id } = (await call('connections.open', {
        params: {
          host: uri.hostname,
          port: Number(uri.port),
          user: decodeURIComponent(uri.username),
          password: decodeURIComponent(uri.password),
          database: 'gh_bench_rlsv',
          sslmode: 'disable',
        },
      })) as { id: string };
      await call('changeset.add', {
        connectionId: id,
        statements: [
          'ALTER TABLE api.notes ADD COLUMN editor text',
          'CREATE INDEX notes_owner ON api.notes (owner_sub)',
          "COMMENT ON TABLE api.notes IS 'bench'",
        ].map((sql) => ({ sql, origin: { panel: 'rls', object: 'api.notes', action: 'bench' } })),
      });
      const validate = (expression: string, problems: number) => async () => {
        const r = (await call('rls.validate', {
          connectionId: id,
          schema: 'api',
          table: 'notes',
          expression,
        })) as { problems: unknown[] };
        if (r.problems.length !== problems) throw new Error(`${expression}: ${JSON.stringify(r.problems)}`);
      };
      const good = `(owner_sub = current_setting('request.jwt.claims', true)::json->>'sub' OR editor = current_user) AND tenant_id = (current_setting('request.jwt.claims', true)::json->>'tenant_id')::int`;
      log(`${RUNS} runs each, through ${studio.server.url.split('?')[0]}`);
      const results = [
        summarise(
          'rls: validate a policy expression (valid), HTTP round trip',
          await measure(validate(good, 0), RUNS),
          {
            targetMs: 100,
            note: 'browser-mode HTTP → libpg-query → BEGIN, 3 pending statements, EXPLAIN, ROLLBACK',
          },
        ),
        summarise(
          'rls: validate a misspelt column (PostgreSQL marks it)',
          await measure(validate(good.replace('owner_sub', 'ownr_sub'), 1), RUNS),
          { targetMs: 100 },
        ),
        summarise(
          'rls: validate a syntax error (libpg-query alone)',
          await measure(validate('owner_sub = = 1', 1), RUNS),
          {
            targetMs: 100,
          },
        ),
      ];
      await call('changeset.discard', { connectionId: id });
      const plain = good.replace(' OR editor = current_user', '');
      results.push(
        summarise('rls: validate (valid), nothing pending', await measure(validate(plain, 0), RUNS), {
          targetMs: 100,
        }),
      );
      return results;
    } finally {
      await studio.close();
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** Trades the launch URL's token for the session cookie, as the page does on first load. */
async function login(url: string): Promise<string> {
  const r = await fetch(url, { redirect: 'manual' });
  const set = r.headers.get('set-cookie');
  return set === null ? '' : set.split(';')[0]!;
}
