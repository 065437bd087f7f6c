import pg from 'pg';
import { advise, loadAdvisorConfig } from '../../core/advisor/index.js';
import { readCatalog } from '../../core/catalog/read-catalog.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { measure, summarise, type Bench } from '../bench.js';
import { generateCatalog, LARGE } from '../catalog/generate.js';

const RUNS = Number(process.env.GATEHOUSE_BENCH_RUNS ?? 7);
const TARGET_MS = 1000;

/**
 * Issue 14: the whole advisor — every finding family and the reach map — on the 5,000-table bench catalog, after
 * the catalog read. The worst case: the authenticator may become every one of the 300 roles (the bench's roles
 * form one membership chain), all ten schemas are exposed. Each run starts from a model the privilege rules have
 * not seen (a fresh copy), so their indexes and closures are built inside the measurement.
 */
export const advisorBench: Bench = {
  name: 'advisor (5k tables, 300 request roles)',
  async run(log) {
    log('generating the catalog in a fresh embedded PostgreSQL 18…');
    const generated = await generateCatalog(LARGE);
    try {
      const client = new pg.Client({ connectionString: generated.uri });
      await client.connect();
      let catalog: Catalog;
      try {
        await client.query('CREATE ROLE bench_auth LOGIN NOINHERIT; GRANT bench_r300 TO bench_auth;');
        catalog = await readCatalog(client);
      } finally {
        await client.end();
      }
      const schemas = catalog.schemas.filter((s) => s.name.startsWith('bench_s')).map((s) => s.name);
      const text = [
        'db-uri = "postgresql://bench_auth@localhost/gh_bench"',
        `db-schemas = "${schemas.join(', ')}"`,
        'db-anon-role = "bench_r1"',
        `jwt-secret = "${'s'.repeat(40)}"`,
      ].join('\n');
      const config = loadAdvisorConfig({ text, env: {} });
      let note = '';
      const times = await measure(async () => {
        const report = advise({ catalog: { ...catalog }, config });
        const endpoints = report.reach.roles.reduce((n, r) => n + r.endpoints.length, 0);
        note =
          `${report.findings.length} findings, ${report.reach.roles.length} request roles, ` +
          `${endpoints} role × endpoint pairs; ${catalog.relations.length} relations, ${catalog.policies.length} policies`;
      }, RUNS);
      log(note);
      return [summarise('advisor (5k tables, 300 request roles)', times, { targetMs: TARGET_MS, note })];
    } finally {
      await generated.dispose();
    }
  },
};
