import { describe, expect, it } from 'vitest';
import { saslPrep, scramVerifier } from './scram.js';

describe('SCRAM-SHA-256 verifier', () => {
  // That PostgreSQL accepts a login with it is core/roles/roles.pg.test.ts; here: the format and determinism.
  it("is PostgreSQL's stored format, deterministic for a salt and iteration count", async () => {
    const salt = Uint8Array.from(atob('c2FsdHNhbHRzYWx0c2FsdA=='), (c) => c.charCodeAt(0));
    const v = await scramVerifier('pencil', { salt, iterations: 4096 });
    expect(v).toMatch(
      /^SCRAM-SHA-256\$4096:c2FsdHNhbHRzYWx0c2FsdA==\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/,
    );
    expect(await scramVerifier('pencil', { salt })).toBe(v);
    expect(await scramVerifier('pencil2', { salt })).not.toBe(v);
  });

  it('a fresh salt every time', async () => {
    expect(await scramVerifier('x')).not.toBe(await scramVerifier('x'));
  });

  it('SASLprep leaves ASCII alone and maps non-ASCII spaces', () => {
    expect(saslPrep('a b\tc')).toBe('a b\tc');
    expect(saslPrep('a\u00a0b')).toBe('a b');
    expect(saslPrep('\u2168')).toBe('IX');
  });
});
