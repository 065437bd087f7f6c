import { describe, expect, it } from 'vitest';
import { endpointCount, endpointIndexes, reachOfRole, reachPairs, toRuns, type ReachMap } from './advisor.js';

describe('reach map runs', () => {
  it('writes a role’s endpoint indexes as runs of consecutive ones and reads them back in order', () => {
    const indexes = [0, 1, 2, 7, 8, 3, 10];
    const runs = toRuns(indexes);
    expect(runs).toEqual([0, 3, 7, 2, 3, 1, 10, 1]);
    const role = { role: 'r', as: 'jwt' as const, exists: true, runs };
    expect(endpointIndexes(role)).toEqual(indexes);
    expect(endpointCount(role)).toBe(7);
    expect(toRuns([])).toEqual([]);
    // 5,000 tables reached in order are one run, not 5,000 numbers.
    expect(toRuns(Array.from({ length: 5000 }, (_, i) => i))).toEqual([0, 5000]);
  });

  it('cuts one role’s map out, renumbered', () => {
    const endpoint = (name: string) => ({
      path: `/${name}`,
      schema: 'api',
      name,
      kind: 'table' as const,
      methods: [{ method: 'GET' as const, columns: null }],
      rows: 'filtered' as const,
      write: false,
      args: null,
    });
    const map: ReachMap = {
      authenticator: 'auth',
      schemas: ['api'],
      endpoints: [endpoint('a'), endpoint('b'), endpoint('c')],
      roles: [
        { role: 'anon', as: 'anon', exists: true, runs: [0, 1] },
        { role: 'user', as: 'jwt', exists: true, runs: [1, 2] },
      ],
    };
    expect(reachPairs(map)).toBe(3);
    const one = reachOfRole(map, map.roles[1]!);
    expect(one.endpoints.map((e) => e.name)).toEqual(['b', 'c']);
    expect(one.roles).toEqual([{ role: 'user', as: 'jwt', exists: true, runs: [0, 2] }]);
  });
});
