import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../core/db/sql-files.js';

/** Test-only modules: `test-*.ts`, `*-specs.ts`, `testing.ts`, anything under a `testing/` folder, and the tests. */
const testOnly = /(^|\/)(test-[^/]*|[^/]*-specs|testing|[^/]*\.test)\.js$|(^|\/)testing\//;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('what ships', () => {
  it('the build (dist/) holds no test helpers, fixtures or tests', () => {
    const dist = join(packageRoot(), 'dist');
    expect(existsSync(dist), 'run `npm run build` first').toBe(true);
    const shipped = files(dist)
      .map((f) => relative(dist, f))
      .filter((f) => f.endsWith('.js') && !f.startsWith('renderer/'));
    expect(shipped.length).toBeGreaterThan(50);
    expect(shipped.filter((f) => testOnly.test(f))).toEqual([]);
  });

  it('the packaged app leaves out the same patterns', () => {
    const yml = readFileSync(join(packageRoot(), 'electron-builder.yml'), 'utf8');
    for (const pattern of [
      "'!dist/test/**'",
      "'!dist/**/testing/**'",
      "'!dist/**/test-*.js'",
      "'!dist/**/*-specs.js'",
      "'!dist/**/testing.js'",
    ])
      expect(yml).toContain(pattern);
  });
});
