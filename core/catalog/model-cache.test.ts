import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../shared/model/catalog.js';
import { ModelCache } from './model-cache.js';

/** A stand-in model: the cache never looks inside. */
const model = (n: number) => ({ readAt: String(n) }) as unknown as Catalog;

function counting(fail = false) {
  const reads: string[] = [];
  const release: (() => void)[] = [];
  const cache = new ModelCache<string>(async (key) => {
    reads.push(key);
    const n = reads.length;
    await new Promise<void>((r) => release.push(r));
    if (fail && n === 1) throw new Error('connection refused');
    return model(n);
  });
  const settle = async () => {
    for (;;) {
      await new Promise((r) => setTimeout(r, 0));
      const next = release.shift();
      if (next === undefined) return;
      next();
    }
  };
  return { cache, reads, settle };
}

describe('ModelCache', () => {
  it('reads once for concurrent and later gets of the same key', async () => {
    const { cache, reads, settle } = counting();
    const a = cache.get('c1');
    const b = cache.get('c1');
    await settle();
    expect(await a).toBe(await b);
    expect(await cache.get('c1')).toBe(await a);
    expect(reads).toEqual(['c1']);
  });

  it('keeps one model per key', async () => {
    const { cache, reads, settle } = counting();
    const a = cache.get('c1');
    const b = cache.get('c2');
    await settle();
    expect(await a).not.toBe(await b);
    expect(reads).toEqual(['c1', 'c2']);
  });

  it('refresh reads anew and later gets serve the new model; invalidate makes the next get read', async () => {
    const { cache, reads, settle } = counting();
    const changed: string[] = [];
    cache.onChange((k) => changed.push(k));
    const first = cache.get('c1');
    await settle();
    const refreshed = cache.refresh('c1');
    await settle();
    expect((await refreshed).readAt).toBe('2');
    expect(await cache.get('c1')).toBe(await refreshed);
    expect(await first).not.toBe(await refreshed);
    cache.invalidate('c1');
    const third = cache.get('c1');
    await settle();
    expect((await third).readAt).toBe('3');
    expect(reads).toEqual(['c1', 'c1', 'c1']);
    expect(changed).toEqual(['c1', 'c1']);
  });

  it('does not keep a failed read: the next get tries again', async () => {
    const { cache, reads, settle } = counting(true);
    const failed = cache.get('c1');
    await settle();
    await expect(failed).rejects.toThrow('connection refused');
    const retried = cache.get('c1');
    await settle();
    expect((await retried).readAt).toBe('2');
    expect(reads).toHaveLength(2);
  });

  it('invalidate() with no key forgets every model', async () => {
    const { cache, reads, settle } = counting();
    void cache.get('c1');
    void cache.get('c2');
    await settle();
    cache.invalidate();
    void cache.get('c1');
    await settle();
    expect(reads).toEqual(['c1', 'c2', 'c1']);
  });
});
