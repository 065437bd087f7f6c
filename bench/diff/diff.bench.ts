import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import { readCatalog } from '../../core/catalog/read-catalog.js';
import { diffModels } from '../../core/diff/index.js';
import { measure, summarise, type Bench } from '../bench.js';
import { generateCatalog, LARGE } from '../catalog/generate.js';

const RUNS = Number(process.env.GATEHOUSE_BENCH_RUNS ?? 7);

/**
 * The migration diff on two 5,000-table bench catalogs, 5 % of the tables changed (a column added, one retyped,
 * a default changed, an index added, a comment), each side read once: diffModels alone (diff + order), the
 * reads excluded. Target: 300 ms.
 */
export const diffBench: Bench = {
  name: 'diff + order of two 5k-table catalogs, 5 % changed',
  async run(log) {
    log('generating the catalog in a fresh embedded PostgreSQL 18…');
    const generated = await generateCatalog(LARGE);
    const client = new pg.Client({ connectionString: generated.uri });
    await client.connect();
    try {
      const from = await readCatalog(client);
      const tables = from.relations
        .filter((r) => r.kind === 'table')
        .slice(0, Math.floor(LARGE.tables * 0.05));
      log(`changing ${tables.length} tables…`);
      await client.query('BEGIN');
      for (const [i, t] of tables.entries()) {
        const q = `"${t.schema}"."${t.name}"`;
        switch (i % 5) {
          case 0:
            await client.query(`ALTER TABLE ${q} ADD COLUMN bench_extra text`);
            break;
          case 1:
            await client.query(`ALTER TABLE ${q} ALTER COLUMN code TYPE varchar(64)`);
            break;
          case 2:
            await client.query(`ALTER TABLE ${q} ALTER COLUMN amount SET DEFAULT 1`);
            break;
          case 3:
            await client.query(`CREATE INDEX ON ${q} (created_at)`);
            break;
          default:
            await client.query(`COMMENT ON TABLE ${q} IS 'changed'`);
        }
      }
      await client.query('COMMIT');
      const to = await readCatalog(client);
      // For profiling diffModels alone (bench/diff/profile.ts): keep the two models.
      const keep = process.env.GATEHOUSE_BENCH_DIFF_MODELS;
      if (keep) writeFileSync(keep, JSON.stringify([from, to]));
      let note = '';
      // CPU time next to the wall time: the machine is often shared, and diffModels is pure CPU on this thread.
      // Per run, so that its median is taken over the same runs as the wall time's (the warm-up, which pays
      // for compiling the engine, was averaged in before); the warm-up's own CPU is shown apart.
      const cpu: number[] = [];
      const times = await measure(async () => {
        const before = process.cpuUsage();
        const m = diffModels(from, to);
        const used = process.cpuUsage(before);
        cpu.push((used.user + used.system) / 1000);
        note = `${m.changes.length} changes, ${m.statements.length} statements`;
      }, RUNS);
      // The harness's median (summarise), of the same measured runs as the wall time's.
      const cpuMedian = summarise('cpu', cpu.slice(1)).medianMs;
      note += `, CPU median ${cpuMedian.toFixed(0)} ms/run (process, GC threads included; warm-up ${cpu[0]!.toFixed(0)} ms), load ${loadavg()[0]!.toFixed(1)}`;
      log(`diff: ${note}`);
      return [summarise('diff + order (5k tables, 5 % changed)', times, { targetMs: 300, note })];
    } finally {
      await client.end();
      await generated.dispose();
    }
  },
};
