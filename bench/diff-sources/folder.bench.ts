import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainConnect } from '../../core/diff/sources/connect.js';
import { loadSource } from '../../core/diff/sources/load-source.js';
import { ShadowPool } from '../../core/diff/sources/shadow-pool.js';
import { SNAPSHOT_FORMAT, snapshotText } from '../../core/diff/sources/snapshot.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { measure, summarise, type Bench } from '../bench.js';
import { backendCpuMs, reapedChildrenCpuMs } from '../catalog/cpu.js';

const RUNS = Number(process.env.GATEHOUSE_BENCH_RUNS ?? 5);
const FILES = 40;
/** Per file: 10 tables, each with a comment, an index, a view and a grant = 50 statements; 2,000 in all. */
const TABLES_PER_FILE = 10;

/** A nested-free folder of numbered files, 2,000 statements of the kinds a schema folder holds. */
function writeFolder(dir: string): number {
  let statements = 1;
  writeFileSync(join(dir, '000_schema.sql'), 'CREATE SCHEMA bench;\n');
  for (let f = 1; f <= FILES; f++) {
    const lines: string[] = [];
    for (let t = 0; t < TABLES_PER_FILE; t++) {
      const n = `t${f}_${t}`;
      lines.push(
        `CREATE TABLE bench.${n} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, ref bigint, created timestamptz DEFAULT now());`,
        `COMMENT ON TABLE bench.${n} IS 'table ${n}';`,
        `CREATE INDEX ${n}_name ON bench.${n} (name);`,
        `CREATE VIEW bench.${n}_v AS SELECT id, name FROM bench.${n};`,
        `GRANT SELECT ON bench.${n}_v TO PUBLIC;`,
      );
      statements += 5;
    }
    writeFileSync(join(dir, `${String(f).padStart(3, '0')}_part.sql`), `${lines.join('\n')}\n`);
  }
  return statements - 1;
}

/**
 * A folder of 2,000 statements to a model through the shadow database: a throwaway PostgreSQL 18 started, the
 * files applied, the catalog read back (issue 13: ≤ 3 s). Also the snapshot writer on the result.
 */
export const diffSourcesBench: Bench = {
  name: 'diff sources: a 2,000-statement folder through the shadow database',
  async run(log) {
    const root = mkdtempSync(join(tmpdir(), 'gatehouse-bench-folder-'));
    const folder = join(root, 'schema');
    mkdirSync(folder);
    const count = writeFolder(folder);
    log(`folder: ${count} statements in ${FILES + 1} files`);
    let model = null as Catalog | null;
    // CPU of this process and of its reaped children (the shadow's postmaster and backends, cp, initdb): on a
    // busy shared machine wall time mostly measures the neighbours.
    const cpuNow = () => backendCpuMs(process.pid) + reapedChildrenCpuMs(process.pid);
    const cpu: number[] = [];
    try {
      const times = await measure(async () => {
        const cpu0 = cpuNow();
        const pool = new ShadowPool({ connect: plainConnect });
        try {
          model = (await loadSource(folder, pool, { connect: plainConnect })).model;
        } finally {
          await pool.close();
        }
        cpu.push(cpuNow() - cpu0);
      }, RUNS);
      const snapshotTimes = await measure(async () => snapshotText(model!), RUNS);
      return [
        summarise('folder of 2,000 statements → model (shadow start, apply, read)', times, {
          targetMs: 3000,
          note: `${count} statements, ${model!.relations.length} relations`,
        }),
        summarise('that folder → model: CPU (this process + the shadow server)', cpu.slice(-RUNS), {
          targetMs: 3000,
          note: 'user+system time per run of this process and its children (postmaster, backends, cp)',
        }),
        summarise('snapshot text of that model', snapshotTimes, { note: `format ${SNAPSHOT_FORMAT}` }),
      ];
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
