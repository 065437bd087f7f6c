import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { MEMORY_DIR, MEMORY_DIR_MIN_FREE, shadowHome } from './shadow-home.js';

describe('shadowHome', () => {
  it('puts shadows in memory on Linux when /dev/shm has room', () => {
    const asked: string[] = [];
    const home = shadowHome((dir) => (asked.push(dir), MEMORY_DIR_MIN_FREE * 4), 'linux');
    expect(home).toBe(MEMORY_DIR);
    expect(asked).toEqual([MEMORY_DIR]);
  });

  it('falls back to the temp directory when /dev/shm is small, missing or not writable', () => {
    expect(shadowHome(() => MEMORY_DIR_MIN_FREE - 1, 'linux')).toBe(tmpdir());
    expect(shadowHome(() => null, 'linux')).toBe(tmpdir());
  });

  it('uses the temp directory on other systems', () => {
    expect(shadowHome(() => MEMORY_DIR_MIN_FREE * 4, 'darwin')).toBe(tmpdir());
  });
});
