import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { defaultPostgrestConfig } from '../../core/act-as/config/index.js';
import { startEmbeddedCluster } from '../../core/embedded/cluster.js';
import { computeMatrix } from '../../core/rls/matrix.js';
import { whyRow } from '../../core/rls/why-row.js';
import { measure, summarise, type Bench, type BenchResult } from '../bench.js';
import { cpuMeter } from './cpu.js';

const RUNS = Number(process.env.GATEHOUSE_BENCH_RUNS ?? 5);
const TABLES = 200;

/**
 * The RLS budgets: the matrix for 5 personas × 200 tables × 4 commands ≤ 2 s (one connection per persona, every
 * probe of a persona in one round trip), and "why this row" ≤ 200 ms.
 */
export const rlsBench: Bench = {
  name: 'rls',
  async run(log): Promise<readonly BenchResult[]> {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-rls-'));
    const cluster = await startEmbeddedCluster({ dataDir: join(dir, 'data'), password: 'bench' });
    try {
      const admin = new pg.Client({ connectionString: cluster.uri() });
      await admin.connect();
      await admin.query('CREATE DATABASE gh_bench_rls');
      await admin.query('DROP ROLE IF EXISTS bench_user; CREATE ROLE bench_user NOLOGIN');
      await admin.query('DROP ROLE IF EXISTS bench_anon; CREATE ROLE bench_anon NOLOGIN');
      await admin.end();
      const uri = cluster.uri('gh_bench_rls');
      const setup = new pg.Client({ connectionString: uri });
      await setup.connect();
      const ddl: string[] = ['CREATE SCHEMA api', 'GRANT USAGE ON SCHEMA api TO bench_user, bench_anon'];
      for (let i = 0; i < TABLES; i++) {
        const t = `api.t_${i}`;
        ddl.push(
          `CREATE TABLE ${t} (id int PRIMARY KEY, owner text NOT NULL DEFAULT (current_setting('request.jwt.claims', true)::json->>'sub'), note text)`,
          `INSERT INTO ${t} SELECT g, 'u' || (g % 5), 'n' FROM generate_series(1, 50) g`,
          `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`,
          `CREATE POLICY own ON ${t} TO bench_user USING (owner = current_setting('request.jwt.claims', true)::json->>'sub')`,
          `GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO bench_user`,
          `GRANT SELECT ON ${t} TO bench_anon`,
        );
      }
      await setup.query(ddl.join(';\n'));
      const config = { ...defaultPostgrestConfig(), dbSchemas: ['api'], dbAnonRole: 'bench_anon' };
      const personas = [
        ...[0, 1, 2, 3].map((i) => ({ name: `u${i}`, claims: { role: 'bench_user', sub: `u${i}` } })),
        { name: 'anonymous', claims: null },
      ];
      const connect = async () => {
        const c = new pg.Client({ connectionString: uri });
        await c.connect();
        return c;
      };
      let cells = 0;
      const matrixTimes = await measure(async () => {
        cells = (await computeMatrix({ connect, config, personas })).length;
      }, RUNS);
      if (cells !== 5 * TABLES * 4) throw new Error(`matrix has ${cells} cells, expected ${5 * TABLES * 4}`);
      log(`${cells} cells`);
      // The same matrix in CPU time, this process and PostgreSQL's (the backends reaped after each run).
      const cpu = cpuMeter(join(dir, 'data'));
      const matrixCpu: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const before = cpu();
        await computeMatrix({ connect, config, personas });
        await new Promise((r) => setTimeout(r, 200)); // let the persona backends exit and be reaped
        matrixCpu.push(cpu() - before);
      }
      const why = await measure(
        () =>
          whyRow({
            client: setup,
            config,
            persona: personas[0]!,
            relation: { schema: 'api', name: 't_7' },
            key: { id: '10' },
            command: 'update',
          }),
        RUNS * 4,
      );
      await setup.end();
      return [
        summarise('rls: matrix, 5 personas × 200 tables × 4 commands', matrixTimes, { targetMs: 2000 }),
        summarise('rls: matrix, CPU (node + PostgreSQL, summed over cores)', matrixCpu, {
          targetMs: 2000,
          note: 'CPU time of this process and the cluster: what an idle machine would spend; wall time waits for a core under load',
        }),
        summarise('rls: why this row', why, { targetMs: 200 }),
      ];
    } finally {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
