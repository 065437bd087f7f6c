/** Random Authorization headers: authenticate answers ok or a PgrstError, never throws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPostgrestConfig } from '../config/load.js';
import { PgrstError } from '../errors/pgrst-error.js';
import { authenticate } from './authenticate.js';

const config = loadPostgrestConfig({
  text: 'db-anon-role = "anon"\njwt-secret = "cf-conformance-jwt-secret-0123456789abcdef"',
  env: {},
});

const b64url = (s: string) => Buffer.from(s).toString('base64url');

describe('authenticate fuzz', () => {
  it('arbitrary headers and token-shaped garbage', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc
            .tuple(fc.json(), fc.json(), fc.string({ maxLength: 20 }))
            .map(([h, p, s]) => `Bearer ${b64url(h)}.${b64url(p)}.${s}`),
          fc.tuple(fc.string(), fc.string()).map(([a, b]) => `bearer ${a}.${b}`),
        ),
        async (header) => {
          const r = await authenticate(config, header, 1_900_000_000);
          if (!r.ok) {
            expect(r.error).toBeInstanceOf(PgrstError);
            expect(r.error.code).toMatch(/^PGRST30[0-3]$/);
          }
        },
      ),
      { numRuns: 1500 },
    );
  }, 60_000);
});
