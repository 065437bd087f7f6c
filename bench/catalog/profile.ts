import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { backendCpuMs } from './cpu.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { readCatalog } from '../../core/catalog/read-catalog.js';
import { sqlFile } from '../../core/db/sql-files.js';
import { startEmbeddedCluster } from '../../core/embedded/cluster.js';
import { LARGE } from './generate.js';

/**
 * Profiling aid for the catalog read (not part of `npm run bench`): keeps the generated cluster in
 * GATEHOUSE_PROFILE_DIR (default /tmp/gatehouse-catalog-profile) between runs, then prints per-query server
 * time (raw) against the time including row validation, and the whole read. Reads use a second connection
 * sharing the snapshot unless GATEHOUSE_PROFILE_SINGLE=1; GATEHOUSE_PROFILE_RUNS sets the number of reads (4).
 *   npx tsx bench/catalog/profile.ts
 */
const dir = process.env.GATEHOUSE_PROFILE_DIR ?? '/tmp/gatehouse-catalog-profile';
mkdirSync(dir, { recursive: true });
chmodSync(dir, 0o755);
const cluster = await startEmbeddedCluster({ dataDir: join(dir, 'data'), password: 'bench' });
try {
  const admin = new pg.Client({ connectionString: cluster.uri() });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = 'gh_bench'")).rowCount === 1;
  if (!exists) await admin.query('CREATE DATABASE gh_bench');
  await admin.end();
  const client = new pg.Client({ connectionString: cluster.uri('gh_bench') });
  await client.connect();
  const parallelClient = new pg.Client({ connectionString: cluster.uri('gh_bench') });
  await parallelClient.connect();
  const single = process.env.GATEHOUSE_PROFILE_SINGLE === '1';
  if (!exists) {
    for (const [key, value] of Object.entries(LARGE)) {
      await client.query('SELECT pg_catalog.set_config($1, $2, false)', [`bench.${key}`, String(value)]);
    }
    const here = dirname(fileURLToPath(import.meta.url));
    await client.query(readFileSync(join(here, 'generate.sql'), 'utf8'));
    await client.query('VACUUM ANALYZE');
  }
  const validated = new Map<string, number[]>();
  const totals: number[] = [];
  const pidOf = async (c: pg.Client) =>
    (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
  const pids = [await pidOf(client), await pidOf(parallelClient)];
  const serverCpu = () => pids.reduce((sum, p) => sum + backendCpuMs(p), 0);
  const cpuTotals: string[] = [];
  for (let i = 0; i < Number(process.env.GATEHOUSE_PROFILE_RUNS ?? 4); i++) {
    const c0 = serverCpu();
    const n0 = process.cpuUsage();
    const t0 = performance.now();
    await readCatalog(client, {
      ...(single ? {} : { parallelClient }),
      onQuery: (file, ms) => validated.set(file, [...(validated.get(file) ?? []), ms]),
    });
    totals.push(performance.now() - t0);
    const n = process.cpuUsage(n0);
    cpuTotals.push(
      `server ${(serverCpu() - c0).toFixed(0)} + node ${((n.user + n.system) / 1000).toFixed(0)}`,
    );
  }
  console.log(`cpu per read (ms): ${cpuTotals.join('; ')}`);
  const schemaOids = (
    await client.query<{ oid: number }>(
      "SELECT oid FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'",
    )
  ).rows.map((r) => r.oid);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const backendPid =
    (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
  const rows: string[] = [];
  for (const [file, times] of validated) {
    const raw: number[] = [];
    const cpu: number[] = [];
    let count = 0;
    for (let i = 0; i < 3; i++) {
      const text = sqlFile(`catalog/${file}`);
      const values = text.includes('$1') ? [schemaOids] : [];
      const c0 = backendCpuMs(backendPid);
      const t0 = performance.now();
      const res = await client.query({ text, values });
      raw.push(performance.now() - t0);
      cpu.push(backendCpuMs(backendPid) - c0);
      count = res.rowCount ?? 0;
    }
    rows.push(
      `${file.padEnd(26)} rows ${String(count).padStart(6)}  server cpu ${median(cpu).toFixed(0).padStart(5)} ms  raw ${median(raw).toFixed(0).padStart(5)} ms  with validation ${median(times.slice(1)).toFixed(0).padStart(5)} ms`,
    );
  }
  console.log(rows.join('\n'));
  console.log(`whole read: ${totals.map((t) => t.toFixed(0)).join(', ')} ms (first is the warm-up)`);
  await client.end();
  await parallelClient.end();
} finally {
  await cluster.stop();
}
