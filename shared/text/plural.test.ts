import { describe, expect, it } from 'vitest';
import { plural } from './plural.js';

describe('plural', () => {
  it('is singular for exactly one, plural otherwise (zero included)', () => {
    expect([0, 1, 2].map((n) => `${n} ${plural(n, 'row')}`)).toEqual(['0 rows', '1 row', '2 rows']);
  });
  it('takes an irregular plural', () => {
    expect(plural(1, 'policy', 'policies')).toBe('policy');
    expect(plural(3, 'policy', 'policies')).toBe('policies');
  });
});
