import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pgBinDir, pgMajors, wantedMajors } from './pg-binaries.js';

describe('the PostgreSQL test matrix', () => {
  it('is 14 to 18 by default; GATEHOUSE_TEST_PG narrows it; an unknown major is named', () => {
    expect(wantedMajors(undefined)).toEqual([14, 15, 16, 17, 18]);
    expect(wantedMajors('')).toEqual([14, 15, 16, 17, 18]);
    expect(wantedMajors(undefined, [18])).toEqual([18]);
    expect(wantedMajors('15, 18')).toEqual([15, 18]);
    expect(() => wantedMajors('15,13')).toThrow(
      'GATEHOUSE_TEST_PG: "13" is not a tested major; use some of 14,15,16,17,18.',
    );
  });

  it.each(pgMajors)(
    'finds initdb, pg_ctl and postgres of %i in node_modules, not in the OS',
    async (major) => {
      const bin = await pgBinDir(major);
      expect(bin).toContain('node_modules');
      for (const tool of ['initdb', 'pg_ctl', 'postgres']) expect(existsSync(join(bin, tool))).toBe(true);
    },
  );
});
