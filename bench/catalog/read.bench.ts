import pg from 'pg';
import { schemaCacheFromCatalog } from '../../core/act-as/schema-cache/derive.js';
import { readCatalog } from '../../core/catalog/read-catalog.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { measure, summarise, type Bench } from '../bench.js';
import { backendCpuMs, parentPid, reapedChildrenCpuMs } from './cpu.js';
import { generateCatalog, LARGE } from './generate.js';

const RUNS = Number(process.env.GATEHOUSE_BENCH_RUNS ?? 7);
const TARGET_MS = 1000;
/** Issue 10: the act-as schema cache derived from the model of the same catalog. */
const SCHEMA_CACHE_TARGET_MS = 50;
const SCHEMA_CACHE_RUNS = 21;

/**
 * Point 9: read a large catalog (5,000 tables, 50,000 columns, 2,000 policies, 300 roles, 10,000+ grants)
 * into the model. Median of RUNS reads after one warm-up, on two connections
 * sharing one snapshot, as the superuser. Then the act-as schema cache derived from that model with every
 * generated schema exposed (all 5,000 tables, their foreign keys, views and functions).
 */
export const catalogReadBench: Bench = {
  name: 'catalog read (5k tables)',
  async run(log) {
    log('generating the catalog in a fresh embedded PostgreSQL 18…');
    const generated = await generateCatalog(LARGE);
    log(`generated in ${(generated.generateMs / 1000).toFixed(1)} s`);
    const client = new pg.Client({ connectionString: generated.uri });
    await client.connect();
    // The reader's second connection: about half the queries run on it, in the same snapshot.
    const parallelClient = new pg.Client({ connectionString: generated.uri });
    await parallelClient.connect();
    try {
      const perQuery = new Map<string, number[]>();
      let size = '';
      const pidOf = async (c: pg.Client) =>
        (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
      const backendPids = [await pidOf(client), await pidOf(parallelClient)];
      const postmaster = parentPid(backendPids[0] ?? 0);
      // The backends' own CPU plus that of the parallel workers they started (reaped by the postmaster).
      const serverCpuMs = () =>
        backendPids.reduce((sum, pid) => sum + backendCpuMs(pid), 0) + reapedChildrenCpuMs(postmaster);
      // CPU spent per read by the server and by this process: on a busy shared machine wall time mostly
      // measures the neighbours, CPU time the work (their sum over the cores bounds an idle machine's wall time).
      const cpu: number[] = [];
      const serverCpu: number[] = [];
      const nodeCpu: number[] = [];
      const last: { model: Catalog | null } = { model: null };
      const times = await measure(async () => {
        const server0 = serverCpuMs();
        const node0 = process.cpuUsage();
        const catalog = await readCatalog(client, {
          parallelClient,
          onQuery: (file, ms) => perQuery.set(file, [...(perQuery.get(file) ?? []), ms]),
        });
        last.model = catalog;
        size =
          `${catalog.relations.length} relations, ` +
          `${catalog.relations.reduce((n, r) => n + r.columns.length, 0)} columns, ` +
          `${catalog.policies.length} policies, ${catalog.roles.length} roles, ${catalog.grants.length} grants, ` +
          `${catalog.dependencies.length} dependencies`;
        const node = process.cpuUsage(node0);
        serverCpu.push(serverCpuMs() - server0);
        nodeCpu.push((node.user + node.system) / 1000);
        cpu.push(serverCpu[serverCpu.length - 1]! + nodeCpu[nodeCpu.length - 1]!);
      }, RUNS);
      for (const list of [cpu, serverCpu, nodeCpu]) list.splice(0, list.length - RUNS);
      log(`read: ${size}`);
      const slowest = [...perQuery]
        .map(([file, ms]) => [file, summarise(file, ms).medianMs] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6);
      log(`slowest queries (median): ${slowest.map(([f, ms]) => `${f} ${ms.toFixed(0)} ms`).join(', ')}`);
      const read = last.model;
      if (read === null) throw new Error('no catalog was read');
      const schemas = read.schemas.map((x) => x.name).filter((n) => n.startsWith('bench_'));
      let derived = '';
      const cacheCpu: number[] = [];
      const cacheTimes = await measure(
        async () => {
          const cpu0 = process.cpuUsage();
          const sc = schemaCacheFromCatalog(read, { schemas, extraSearchPath: ['public'] });
          const used = process.cpuUsage(cpu0);
          cacheCpu.push((used.user + used.system) / 1000);
          derived =
            `${sc.tables.size} tables, ${[...sc.relationships.values()].reduce((n, l) => n + l.length, 0)} ` +
            `relationships, ${sc.routines.size} routines over ${schemas.length} schemas`;
        },
        SCHEMA_CACHE_RUNS,
        3,
      );
      log(`schema cache: ${derived}`);
      return [
        summarise('catalog read (5k tables)', times, { targetMs: TARGET_MS, note: size }),
        summarise('act-as schema cache from the model (5k tables)', cacheTimes, {
          targetMs: SCHEMA_CACHE_TARGET_MS,
          note: derived,
        }),
        summarise('act-as schema cache CPU', cacheCpu.slice(-SCHEMA_CACHE_RUNS), {
          targetMs: SCHEMA_CACHE_TARGET_MS,
          note: 'CPU time of this process per derivation (wall time on a busy machine measures the neighbours)',
        }),
        // The target is the read's wall time: the server's and this process's work overlap (the reader writes
        // its queries ahead and parses while the server answers), so their sum is what a loaded machine costs,
        // not what a user waits for.
        summarise('catalog read CPU (server+node)', cpu, {
          note: 'CPU time of the PostgreSQL backends (and their parallel workers) plus this process per read; the two overlap',
        }),
        summarise('catalog read CPU: server', serverCpu, {
          note: 'the two backends and their parallel workers, per read',
        }),
        summarise('catalog read CPU: node', nodeCpu, {
          note: 'this process per read (parsing rows, assembling, freezing; on the critical path)',
        }),
      ];
    } finally {
      await client.end();
      await parallelClient.end();
      await generated.dispose();
    }
  },
};
