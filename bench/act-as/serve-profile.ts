/**
 * Profiles `serve` on the corpus read mix (what the act-as bench's throughput figure measures), without the raw side:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/act-as/serve-profile.ts [requests] [serve|raw]
 *
 * CPU profiles stay meaningful on a loaded machine where wall times do not. Prints CPU time per request of the
 * process (serve and its 8 HTTP clients) and of the same statements sent raw through a pg pool.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadPostgrestConfig } from '../../core/act-as/config/index.js';
import { parseCases } from '../../core/act-as/conformance/cases.js';
import { FixtureDatabases } from '../../core/act-as/conformance/databases.js';
import { startActAsServer } from '../../core/act-as/serve.js';
import { conformanceDir } from '../../test/conformance-dir.js';
import { readMixSetup } from './read-mix.js';

const total = Number(process.argv[2] ?? 6000);
const config = loadPostgrestConfig({ file: resolve(conformanceDir, 'postgrest.conf'), env: {} });
const cases = parseCases(readFileSync(resolve(conformanceDir, 'cases.json'), 'utf8'), 'cases.json');
const dbs = await FixtureDatabases.embedded(readFileSync(resolve(conformanceDir, 'fixture.sql'), 'utf8'));
try {
  const db = dbs.uri(await dbs.readDatabase());
  const server = await startActAsServer({ db, config, port: 0 });
  const mix = await readMixSetup(cases, config, db, server.url);
  try {
    await mix.run(mix.viaServe, 1000);
    await mix.run(mix.raw, 1000);
    // `serve-profile.ts N serve` measures serve alone (a profile of serve only).
    const sides = [
      ['serve', mix.viaServe],
      ['raw', mix.raw],
    ] as const;
    for (const [name, one] of sides.filter(([n]) => process.argv[3] === undefined || process.argv[3] === n)) {
      const cpu = process.cpuUsage();
      const r = await mix.run(one, total);
      const used = process.cpuUsage(cpu);
      process.stdout.write(
        `${name}: ${r.perSecond.toFixed(0)} req/s, ${((used.user + used.system) / total).toFixed(0)} µs CPU per request\n`,
      );
    }
  } finally {
    await mix.close();
    await server.close();
  }
} finally {
  await dbs.close();
}
