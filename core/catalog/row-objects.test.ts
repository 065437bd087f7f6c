import { describe, expect, it } from 'vitest';
import { rowObjects } from './row-objects.js';

describe('rowObjects', () => {
  it('makes one object per array row, keys in column order', () => {
    const rows = rowObjects(['oid', 'name', 'comment'])([
      [1, 'a', null],
      [2, 'b', 'x'],
    ]);
    expect(rows).toEqual([
      { oid: 1, name: 'a', comment: null },
      { oid: 2, name: 'b', comment: 'x' },
    ]);
    expect(Object.keys(rows[0]!)).toEqual(['oid', 'name', 'comment']);
  });

  it('lets a later column of the same name win, as node-postgres does, and keeps __proto__ a column', () => {
    const [row] = rowObjects(['a', 'a', '__proto__', 'it"s'])([[1, 2, 3, 4]]);
    expect(row).toEqual({ a: 2, ['__proto__']: 3, 'it"s': 4 });
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(row, '__proto__')).toBe(true);
  });

  it('reads no rows as none', () => {
    expect(rowObjects(['x'])([])).toEqual([]);
  });
});
