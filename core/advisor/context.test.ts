import { describe, expect, it } from 'vitest';
import { Holders } from './context.js';

describe('Holders', () => {
  it('reads its parallel arrays like a ReadonlyMap, in insertion order', () => {
    const h = new Holders();
    h.roles.push('anon', 'web');
    h.held.push(['SELECT'], ['SELECT', 'INSERT']);
    expect(h.size).toBe(2);
    expect(h.get('web')).toEqual(['SELECT', 'INSERT']);
    expect(h.get('nobody')).toBeUndefined();
    expect([h.has('anon'), h.has('nobody')]).toEqual([true, false]);
    expect([...h]).toEqual([
      ['anon', ['SELECT']],
      ['web', ['SELECT', 'INSERT']],
    ]);
    expect(new Map(h)).toEqual(
      new Map([
        ['anon', ['SELECT']],
        ['web', ['SELECT', 'INSERT']],
      ]),
    );
    expect([...h.keys()]).toEqual(['anon', 'web']);
    expect([...h.values()]).toEqual([['SELECT'], ['SELECT', 'INSERT']]);
    const seen: string[] = [];
    h.forEach((v, k) => seen.push(`${k}:${v.join('/')}`));
    expect(seen).toEqual(['anon:SELECT', 'web:SELECT/INSERT']);
  });
});
