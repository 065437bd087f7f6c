import { describe, expect, it } from 'vitest';
import { RunRegistry } from './runs.js';

describe('RunRegistry', () => {
  it('knows the backend of a run only while it runs, per connection and run id', async () => {
    const runs = new RunRegistry();
    let seen: unknown = null;
    await runs.track('c1', 'r1', async (onBackend) => {
      onBackend?.(4242);
      seen = runs.cancel('c1', 'r1');
      expect(runs.cancel('c2', 'r1')).toBe('none');
    });
    expect(seen).toEqual({ pid: 4242 });
    expect(runs.cancel('c1', 'r1')).toBe('none');
  });

  it('stops a run whose cancel came before its backend was known, with 57014', async () => {
    const runs = new RunRegistry();
    const run = runs.track('c1', 'r2', async (onBackend) => {
      expect(runs.cancel('c1', 'r2')).toBe('pending');
      onBackend?.(7);
      return 'ran';
    });
    await expect(run).rejects.toMatchObject({ code: '57014' });
  });

  it('stops a run whose cancel overtook the run call itself', async () => {
    const runs = new RunRegistry();
    expect(runs.cancel('c1', 'r3')).toBe('none');
    await expect(runs.track('c1', 'r3', async (onBackend) => onBackend?.(8))).rejects.toMatchObject({
      code: '57014',
    });
    // …once: another run is not affected.
    await expect(runs.track('c1', 'r4', async (onBackend) => onBackend?.(9))).resolves.toBeUndefined();
  });
});
