import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { diffModels } from '../../core/diff/index.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { diffBench } from './diff.bench.js';

// Profiling aid (not a bench): `tsx bench/diff/profile.ts` saves the bench's two models once, then times diffModels.
const file = '/tmp/gh-diff-models.json';
if (!existsSync(file)) {
  (globalThis as { __ghSave?: (a: Catalog, b: Catalog) => void }).__ghSave = (a, b) =>
    writeFileSync(file, JSON.stringify([a, b]));
  await diffBench.run(() => undefined);
}
const [a, b] = JSON.parse(readFileSync(file, 'utf8')) as [Catalog, Catalog];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const m = diffModels(a, b);
  console.log(`${(performance.now() - t).toFixed(0)} ms, ${m.changes.length} changes`);
}
