import { existsSync, readFileSync } from 'node:fs';
import { diffModels } from '../../core/diff/index.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { diffBench } from './diff.bench.js';

// Profiling aid (not a bench): `tsx bench/diff/profile.ts` runs the bench once to keep its two models, then times
// diffModels on them alone (add --cpu-prof to profile).
const file = '/tmp/gh-diff-models.json';
if (!existsSync(file)) {
  process.env.GATEHOUSE_BENCH_DIFF_MODELS = file;
  await diffBench.run(() => undefined);
}
const [a, b] = JSON.parse(readFileSync(file, 'utf8')) as [Catalog, Catalog];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const m = diffModels(a, b);
  console.log(`${(performance.now() - t).toFixed(0)} ms, ${m.changes.length} changes`);
}
