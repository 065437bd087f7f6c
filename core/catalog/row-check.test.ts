import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileRowCheck } from './row-check.js';

describe('compileRowCheck', () => {
  const schema = z.object({
    name: z.string(),
    n: z.number().int(),
    ok: z.boolean(),
    kind: z.enum(['a', 'b']),
    tags: z.array(z.string()),
    note: z.string().nullable(),
  });
  const check = compileRowCheck(schema);
  const good = { name: 'x', n: 1, ok: true, kind: 'a', tags: ['t'], note: null };

  it('accepts what zod accepts', () => {
    expect(check).not.toBeNull();
    expect(check?.(good)).toBe(true);
    expect(schema.safeParse(good).success).toBe(true);
  });

  it('rejects wrong types, enum values, array elements and missing fields', () => {
    for (const bad of [
      { ...good, name: 1 },
      { ...good, kind: 'c' },
      { ...good, tags: [1] },
      { ...good, note: undefined },
      { ...good, ok: 'true' },
      null,
    ]) {
      expect(check?.(bad)).toBe(false);
      expect(schema.safeParse(bad).success).toBe(false);
    }
  });

  it('gives up on schemas it does not know', () => {
    expect(compileRowCheck(z.object({ d: z.date() }))).toBeNull();
  });
});
