import { describe, expect, it } from 'vitest';
import { checkClaims, claimsJsonSchema } from './claims.js';

const rules = { roles: ['anon', 'app_user', 'app_admin'], now: 1_700_000_000 };

describe('claims check', () => {
  it('accepts a well-formed persona', () => {
    const r = checkClaims('{"role": "app_user", "sub": "alice", "exp": 1800000000}', rules);
    expect(r.ok).toBe(true);
    expect(r.claims).toEqual({ role: 'app_user', sub: 'alice', exp: 1800000000 });
  });
  it('places a syntax error at its line and column', () => {
    const text = '{\n  "role": "app_user",\n  "sub": alice\n}';
    const r = checkClaims(text, rules);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ line: 3, column: 10, severity: 'error' });
  });
  it('explains single quotes and trailing commas', () => {
    expect(checkClaims("{'role': 'x'}", rules).problems[0]!.message).toMatch(
      /property name in double quotes/,
    );
    expect(checkClaims('{"role": "anon",}', rules).problems[0]!.message).toMatch(/Trailing comma/);
  });
  it('rejects an unknown role at the role value, suggesting near names', () => {
    const text = '{"role": "user"}';
    const r = checkClaims(text, rules);
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toContain('Unknown role "user"');
    expect(r.problems[0]!.message).toContain('"app_user"');
    expect(text.slice(r.problems[0]!.offset)).toMatch(/^"user"/);
  });
  it('rejects non-numeric dates and non-object claims', () => {
    expect(checkClaims('{"exp": "tomorrow"}', rules).problems[0]!.claim).toBe('exp');
    expect(checkClaims('[1]', rules).ok).toBe(false);
    expect(checkClaims('', rules).ok).toBe(false);
  });
  it('warns about an expired token without blocking it', () => {
    const r = checkClaims('{"role": "app_user", "exp": 1}', rules);
    expect(r.ok).toBe(true);
    expect(r.problems[0]).toMatchObject({ severity: 'warning', claim: 'exp' });
  });
  it('uses the configured role claim key and audience', () => {
    const r = checkClaims('{"app_role": "nobody", "aud": "other"}', {
      ...rules,
      roleClaimKey: 'app_role',
      audience: 'api',
    });
    expect(r.problems.map((p) => p.claim)).toEqual(['app_role', 'aud']);
  });
  it('builds a JSON schema with request roles first and discovered claims', () => {
    const s = claimsJsonSchema({
      roles: ['app_admin', 'anon', 'app_user', 'developer'],
      requestRoles: ['anon', 'app_user', 'app_admin'],
      discovered: [{ name: 'tenant_id', usedBy: ['policy t on api.x'] }],
    }) as { properties: Record<string, { enum?: string[]; description?: string }> };
    expect(s.properties.role!.enum).toEqual(['anon', 'app_user', 'app_admin', 'developer']);
    expect(s.properties.tenant_id!.description).toContain('policy t on api.x');
  });
});
