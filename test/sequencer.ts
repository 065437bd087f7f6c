import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, started first. Vitest orders by the durations of the last run it cached and, on a
 * fresh clone (CI) without one, by file size: these small files that run the whole corpus then started last, and
 * the run waited minutes on them with one worker idle. Their order here is longest first (measured locally).
 */
const LONGEST = [
  'core/act-as/conformance/corpus.pg.test.ts',
  'core/act-as/conformance/corpus-b.pg.test.ts',
  'core/diff/engine/pairs.pg.test.ts',
  'core/advisor/advisor.pg.test.ts',
  'cli/commands/diff.pg.test.ts',
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification): number => {
      const i = LONGEST.indexOf(relative(f.project.config.root, f.moduleId));
      return i < 0 ? LONGEST.length : i;
    };
    // Stable: everything else keeps vitest's order.
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map((x) => x.f);
  }
}
