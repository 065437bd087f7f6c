import { loadavg } from 'node:os';
import { advise, loadAdvisorConfig } from '../../core/advisor/index.js';
import { reportView } from '../../core/advisor/view.js';
import { reachPairs, type AdvisorReport } from '../../shared/contract/advisor.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { summarise, type Bench, type BenchResult } from '../bench.js';
import { BENCH_AUTHENTICATOR, benchModel } from '../catalog/bench-model.js';

const RUNS = Number(process.env.GATEHOUSE_BENCH_RUNS ?? 7);
const TARGET_MS = 1000;

function configFor(catalog: Catalog, authenticator: string) {
  const schemas = catalog.schemas.filter((s) => s.name.startsWith('bench_s')).map((s) => s.name);
  return loadAdvisorConfig({
    text: [
      `db-uri = "postgresql://${authenticator}@localhost/gh_bench"`,
      `db-schemas = "${schemas.join(', ')}"`,
      'db-anon-role = "bench_r1"',
      `jwt-secret = "${'s'.repeat(40)}"`,
    ].join('\n'),
    env: {},
  });
}

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Issue 14: the whole advisor — every finding family and the reach map — on the 5,000-table bench catalog after
 * the catalog read, all ten schemas exposed. Two configurations: an authenticator that may become two roles (a
 * usual API: anon and one JWT role), held to ≤ 1 s; and the worst case, one that may become all 300 roles (each
 * holding the privileges of the ones below it: 1.77M role × endpoint pairs), reported. Each run starts from a
 * model the privilege rules have not seen (a fresh copy). Wall and CPU time are medians of the runs after one
 * warm-up: on a shared machine the wall time mostly measures the neighbours (the load average is noted). The
 * payload is the JSON the studio receives (`advisor.run`) and the full report's (`gatehouse advise --json`).
 */
export const advisorBench: Bench = {
  name: 'advisor (5k tables)',
  async run(log) {
    const catalog = await benchModel(log);
    const results: BenchResult[] = [];
    for (const [label, authenticator, target] of [
      ['advisor (5k tables, anon + 1 JWT role)', 'bench_r3', TARGET_MS],
      ['advisor (5k tables, 300 request roles)', BENCH_AUTHENTICATOR, undefined],
    ] as const) {
      if (!catalog.roles.some((r) => r.name === authenticator)) continue;
      const config = configFor(catalog, authenticator);
      const runs = target === undefined ? Math.min(RUNS, 3) : RUNS;
      const wall: number[] = [];
      const cpu: number[] = [];
      const load: number[] = [];
      let report: AdvisorReport | null = null;
      for (let i = 0; i <= runs; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        report = advise({ catalog: { ...catalog }, config });
        const ms = performance.now() - t0;
        const used = process.cpuUsage(c0);
        if (i === 0) continue; // the warm-up
        wall.push(ms);
        cpu.push((used.user + used.system) / 1000);
        load.push(loadavg()[0]!);
      }
      const r = report!;
      const pairs = reachPairs(r.reach);
      // What goes over the wire: the studio's `advisor.run` answer, and the full report (`gatehouse advise --json`).
      const shown = reportView(r);
      const view = jsonBytes(shown);
      const full = jsonBytes(r);
      const note =
        `wall median ${median(wall).toFixed(0)} ms, CPU median ${median(cpu).toFixed(0)} ms (process, GC threads ` +
        `included), load ${median(load).toFixed(1)}; advisor.run payload ${mb(view)} (findings ` +
        `${mb(jsonBytes(shown.findings))}, reach ${mb(jsonBytes([shown.reach, shown.reachTotals]))}` +
        `${shown.reachComplete ? '' : ' as totals'}), full report ${mb(full)} (reach ${mb(jsonBytes(r.reach))}); ` +
        `${r.findings.length} findings, ${r.reach.roles.length} request roles, ${pairs} role × endpoint pairs; ` +
        `${catalog.relations.length} relations, ${catalog.policies.length} policies`;
      log(`${label}: ${note}`);
      results.push(summarise(label, wall, { ...(target !== undefined ? { targetMs: target } : {}), note }));
    }
    return results;
  },
};
