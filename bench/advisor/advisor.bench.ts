import { advise, loadAdvisorConfig } from '../../core/advisor/index.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { measure, summarise, type Bench, type BenchResult } from '../bench.js';
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

/**
 * Issue 14: the whole advisor — every finding family and the reach map — on the 5,000-table bench catalog after
 * the catalog read, all ten schemas exposed. Two configurations: an authenticator that may become two roles (a
 * usual API: anon and one JWT role), held to ≤ 1 s; and the worst case, one that may become all 300 roles (1.7M
 * role × endpoint pairs), reported. Each run starts from a model the privilege rules have not seen (a fresh copy).
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
      let note = '';
      const times = await measure(
        async () => {
          const report = advise({ catalog: { ...catalog }, config });
          const pairs = report.reach.roles.reduce((n, r) => n + r.endpoints.length, 0);
          note =
            `${report.findings.length} findings, ${report.reach.roles.length} request roles, ${pairs} role × endpoint ` +
            `pairs; ${catalog.relations.length} relations, ${catalog.policies.length} policies`;
        },
        target === undefined ? Math.min(RUNS, 3) : RUNS,
      );
      log(`${label}: ${note}`);
      results.push(summarise(label, times, { ...(target !== undefined ? { targetMs: target } : {}), note }));
    }
    return results;
  },
};
