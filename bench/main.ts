import type { BenchResult } from './bench.js';
import { benches } from './benches.js';

/**
 * `npm run bench [-- name…] [--strict]`: runs every benchmark (or those whose name contains one of the
 * given words) and prints a table. --strict exits non-zero when a figure misses its target.
 */
const args = process.argv.slice(2);
const strict = args.includes('--strict');
const filters = args.filter((a) => !a.startsWith('--'));
const selected = benches.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)));

const results: BenchResult[] = [];
for (const bench of selected) {
  process.stderr.write(`» ${bench.name}\n`);
  try {
    results.push(...(await bench.run((line) => process.stderr.write(`  ${line}\n`))));
  } catch (error) {
    // One failing bench must not hide the others' figures.
    process.stderr.write(`  failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

// Sub-millisecond figures (the simulator's per-request stages) read in µs, not as "0 ms".
const ms = (n: number) =>
  n >= 10 ? `${n.toFixed(0)} ms` : n >= 1 ? `${n.toFixed(2)} ms` : `${(n * 1000).toFixed(1)} µs`;
const rows = [
  ['benchmark', 'median', 'min', 'max', 'runs', 'target', 'verdict'],
  ...results.map((r) => [
    r.name,
    ms(r.medianMs),
    ms(r.minMs),
    ms(r.maxMs),
    String(r.runs),
    r.targetMs === undefined ? '' : `≤ ${ms(r.targetMs)}`,
    r.targetMs === undefined ? '' : r.medianMs <= r.targetMs ? 'ok' : 'SLOW',
  ]),
];
const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
for (const row of rows)
  process.stdout.write(
    row
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd() + '\n',
  );
for (const r of results) if (r.note) process.stdout.write(`${r.name}: ${r.note}\n`);

const missed = results.filter((r) => r.targetMs !== undefined && r.medianMs > r.targetMs);
if (strict && missed.length > 0) process.exitCode = 1;
