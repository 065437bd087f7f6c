/** One benchmark: it sets itself up, measures, cleans up and reports one or more figures. */
export interface Bench {
  readonly name: string;
  run(log: (line: string) => void): Promise<readonly BenchResult[]>;
}

export interface BenchResult {
  readonly name: string;
  /** Median of the measured runs, in milliseconds. */
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
  /** The figure must stay at or below this (ms), when there is a target. */
  readonly targetMs?: number;
  readonly note?: string;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns the timings in ms. */
export async function measure(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times;
}

export function summarise(
  name: string,
  times: readonly number[],
  extra: { targetMs?: number; note?: string } = {},
): BenchResult {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return {
    name,
    medianMs: median,
    minMs: sorted[0] ?? 0,
    maxMs: sorted[sorted.length - 1] ?? 0,
    runs: sorted.length,
    ...extra,
  };
}
