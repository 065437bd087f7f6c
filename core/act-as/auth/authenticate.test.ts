import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { conformanceDir } from '../../../test/conformance-dir.js';
import { loadPostgrestConfig } from '../config/load.js';
import { parseJsPath } from '../config/js-path.js';
import type { PostgrestConfig } from '../config/types.js';
import type { Json } from '../errors/pgrst-error.js';
import { authenticate } from './authenticate.js';
import { bearerToken } from './bearer.js';
import { mintJwt } from './mint.js';

const secret = 'cf-conformance-jwt-secret-0123456789abcdef';
const now = 1_900_000_000;
const config: PostgrestConfig = loadPostgrestConfig({
  text: `db-anon-role = "cf_anon"\njwt-secret = "${secret}"`,
  env: {},
});

async function sign(claims: Record<string, unknown>, key = secret, alg = 'HS256'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(key));
}

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['BEARER   abc', 'abc'],
    ['Bearer', ''],
    ['Bearer ', ''],
    ['Basic dXNlcg==', null],
    ['', null],
  ])('%j → %j', (h, t) => expect(bearerToken(h)).toBe(t));
  it('no header → no token', () => expect(bearerToken(null)).toBeNull());
});

describe('authenticate', () => {
  it('no token → anon role, not authenticated', async () => {
    const r = await authenticate(config, null, now);
    expect(r).toEqual({
      ok: true,
      value: { role: 'cf_anon', claims: {}, authenticated: false, anonymous: true },
    });
  });

  it('no token and no anon role → 401 PGRST302', async () => {
    const r = await authenticate({ ...config, dbAnonRole: null }, null, now);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.status).toBe(401);
    expect(r.error.toBody()).toEqual({
      code: 'PGRST302',
      message: 'Anonymous access is disabled',
      details: null,
      hint: null,
    });
    expect(r.error.headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
  });

  it('a token without secret → 500 PGRST300', async () => {
    const r = await authenticate(
      { ...config, jwtKeys: null, jwtSecret: null },
      `Bearer ${await sign({})}`,
      now,
    );
    expect(!r.ok && r.error.status === 500 && r.error.code === 'PGRST300').toBe(true);
  });

  it.each([
    ['Bearer ', 'PGRST301', 'Empty JWT is sent in Authorization header', null],
    ['Bearer a.b', 'PGRST301', 'Expected 3 parts in JWT; got 2', null],
    ['Bearer a.b.c.d', 'PGRST301', 'Expected 3 parts in JWT; got 4', null],
    // The next three come from PostgREST's spec suite (ErrorSpec, "Test JWT Token format errors").
    [
      'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.bm90IGFuIG9iamVjdA',
      'PGRST301',
      'Expected 3 parts in JWT; got 2',
      null,
    ],
    [
      'Bearer quifquirndsjagnrgniur.fonvoienqhhdj.iuqvnvhojah',
      'PGRST301',
      'JWT cryptographic operation failed',
      null,
    ],
    [
      'Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.e30.yOBhlOIqn56T-4NvyEXCjfi3UmyQZ-BzXtePMO2NgRI',
      'PGRST301',
      'Wrong or unsupported encoding algorithm',
      "JWT is unsecured but expected 'alg' was not 'none'",
    ],
    ['Bearer !!.@@.##', 'PGRST301', 'JWT cryptographic operation failed', null],
    [
      `Bearer ${Buffer.from('{"alg":"HS999"}').toString('base64url')}.e30.x`,
      'PGRST301',
      'JWT cryptographic operation failed',
      null,
    ],
    ['Bearer e30.e30.e30', 'PGRST301', 'JWT cryptographic operation failed', null],
  ])('%j → %s %s', async (h, code, message, details) => {
    const r = await authenticate(config, h, now);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.status).toBe(401);
    expect(r.error.toBody()).toEqual({ code, message, details, hint: null });
    expect(r.error.headers['WWW-Authenticate']).toBe(
      `Bearer error="invalid_token", error_description=${JSON.stringify(message)}`,
    );
  });

  it('a plain secret is one HS256 key from 13 on; PostgREST 12 verified HS384/HS512 with it too', async () => {
    // v13.0.8 Config.hs:518 (SymmetricJwk … (Just $ JWT.Signed JWT.HS256)); jose-jwt Jwk.hs:187-190 algCompatible.
    for (const alg of ['HS384', 'HS512']) {
      const token = `Bearer ${await sign({ role: 'cf_user' }, secret, alg)}`;
      const r = await authenticate(config, token, now);
      expect(!r.ok && r.error.toBody()).toEqual({
        code: 'PGRST301',
        message: 'No suitable key or wrong key type',
        details: 'No suitable key was found to decode the JWT',
        hint: null,
      });
      const r12 = await authenticate({ ...config, postgrestVersion: 12 }, token, now);
      expect(r12.ok && r12.value.role).toBe('cf_user');
    }
  });

  it.each<[string, Record<string, Json>, string | null]>([
    ['exp 31 s ago', { exp: now - 31 }, 'JWT expired'],
    ['exp 30 s ago (skew)', { exp: now - 30 }, null],
    ['nbf 31 s ahead', { nbf: now + 31 }, 'JWT not yet valid'],
    ['nbf 30 s ahead', { nbf: now + 30 }, null],
    ['iat 31 s ahead', { iat: now + 31 }, 'JWT issued at future'],
    ['non-integral exp counts as 0', { exp: 1.5 }, 'JWT expired'],
    ['exp as text', { exp: 'soon' }, "The JWT 'exp' claim must be a number"],
    ['nbf as text', { nbf: 'x' }, "The JWT 'nbf' claim must be a number"],
    ['iat as text', { iat: true }, "The JWT 'iat' claim must be a number"],
    ['aud object', { aud: { a: 1 } }, "The JWT 'aud' claim must be a string or an array of strings"],
    ['aud without jwt-aud', { aud: 'anything' }, null],
    ['null exp is not checked', { exp: null }, null],
  ])('%s', async (_, claims, message) => {
    const r = await authenticate(config, `Bearer ${await sign({ role: 'cf_user', ...claims })}`, now);
    if (message === null) {
      expect(r.ok).toBe(true);
    } else {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.toBody()).toEqual({ code: 'PGRST303', message, details: null, hint: null });
      expect(r.error.status).toBe(401);
    }
  });

  it.each<[Json, boolean]>([
    ['api', true],
    ['other', false],
    [['x', 'api'], true],
    [['x', 'y'], false],
    [[], true],
  ])('jwt-aud "api" with aud %j → ok=%s', async (aud, expected) => {
    const r = await authenticate({ ...config, jwtAud: 'api' }, `Bearer ${await sign({ aud })}`, now);
    expect(r.ok).toBe(expected);
    if (!r.ok) expect(r.error.message).toBe('JWT not in audience');
  });

  it('role from a custom claim path; non-string roles are JSON-encoded', async () => {
    const cfg = { ...config, jwtRoleClaimKey: parseJsPath('.realm_access.roles[0]') };
    const t = await sign({ realm_access: { roles: ['cf_admin'] } });
    expect(await authenticate(cfg, `Bearer ${t}`, now)).toMatchObject({
      ok: true,
      value: { role: 'cf_admin' },
    });
    const t2 = await sign({ role: 5 });
    expect(await authenticate(config, `Bearer ${t2}`, now)).toMatchObject({ ok: true, value: { role: '5' } });
  });

  it('verifies RS256 tokens against a JWKS, ES256 with kid selection', async () => {
    const rsa = await generateKeyPair('RS256', { extractable: true });
    const ec = await generateKeyPair('ES256', { extractable: true });
    const jwks = {
      keys: [
        { ...(await exportJWK(rsa.publicKey)), kid: 'r1' },
        { ...(await exportJWK(ec.publicKey)), kid: 'e1' },
      ],
    };
    const cfg = loadPostgrestConfig({
      text: `jwt-secret = ${JSON.stringify(JSON.stringify(jwks))}`,
      env: {},
    });
    expect(cfg.jwtKeys?.type).toBe('jwks');
    const tr = await new SignJWT({ role: 'r' })
      .setProtectedHeader({ alg: 'RS256', kid: 'r1' })
      .sign(rsa.privateKey);
    expect(await authenticate(cfg, `Bearer ${tr}`, now)).toMatchObject({ ok: true, value: { role: 'r' } });
    const te = await new SignJWT({ role: 'e' }).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey);
    expect(await authenticate(cfg, `Bearer ${te}`, now)).toMatchObject({ ok: true, value: { role: 'e' } });
    // No key of the set can take an HS256 token (jose-jwt canDecodeJws): no suitable key.
    const hs = await sign({ role: 'x' });
    const bad = await authenticate(cfg, `Bearer ${hs}`, now);
    expect(!bad.ok && bad.error.details).toBe('No suitable key was found to decode the JWT');
    // A kid no key has: none is tried (13 on), where PostgREST 12 tried every key.
    const tk = await new SignJWT({ role: 'e' })
      .setProtectedHeader({ alg: 'ES256', kid: 'other' })
      .sign(ec.privateKey);
    const noKid = await authenticate(cfg, `Bearer ${tk}`, now);
    expect(!noKid.ok && noKid.error.details).toBe('No suitable key was found to decode the JWT');
    expect(await authenticate({ ...cfg, postgrestVersion: 12 }, `Bearer ${tk}`, now)).toMatchObject({
      ok: true,
      value: { role: 'e' },
    });
    // The right signature under another key's kid does not verify (13 on: "None of the keys …").
    const wrong = await new SignJWT({ role: 'e' })
      .setProtectedHeader({ alg: 'ES256', kid: 'e1' })
      .sign((await generateKeyPair('ES256')).privateKey);
    const none = await authenticate(cfg, `Bearer ${wrong}`, now);
    expect(!none.ok && none.error.details).toBe('None of the keys was able to decode the JWT');
  });

  it('mintJwt produces tokens authenticate accepts, without adding claims', async () => {
    const t = await mintJwt({ role: 'cf_user', sub: 'u-1' }, config);
    const r = await authenticate(config, `Bearer ${t}`, now);
    expect(r).toEqual({
      ok: true,
      value: {
        role: 'cf_user',
        claims: { role: 'cf_user', sub: 'u-1' },
        authenticated: true,
        anonymous: false,
      },
    });
  });
});

// ---------------------------------------------------------------- the corpus' auth family

type CorpusCase = {
  id: string;
  family: string;
  claims: Record<string, Json> | null;
  jwt?: { secret?: string; raw?: string; scheme?: string };
  expect: { status: number; headers?: Record<string, string>; body?: unknown };
};

const dir = conformanceDir;
// The corpus is in the repository (test/conformance-dir refuses a folder without it): never a silent skip.
const corpus = JSON.parse(readFileSync(resolve(dir, 'cases.json'), 'utf8')) as CorpusCase[];
const authCases = corpus.filter((c) => c.family === 'auth' || c.jwt !== undefined);

function resolveClaims(claims: Record<string, Json>, t: number): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(claims)) {
    const m = typeof v === 'string' ? /^\$now([+-])([0-9]+)$/.exec(v) : null;
    out[k] = m ? t + (m[1] === '+' ? 1 : -1) * Number(m[2]) : v;
  }
  return out;
}

describe('corpus auth cases (authentication step only)', () => {
  const cfg = loadPostgrestConfig({ file: resolve(dir, 'postgrest.conf'), env: {} });
  it.each(authCases)('$id', async (c) => {
    const t = Math.floor(Date.now() / 1000);
    let header: string | null = null;
    if (c.jwt?.raw !== undefined) header = c.jwt.raw;
    else if (c.claims !== null) {
      const token = await sign(resolveClaims(c.claims, t), c.jwt?.secret ?? secret);
      header = `${c.jwt?.scheme ?? 'Bearer'} ${token}`;
    }
    const r = await authenticate(cfg, header, t);
    const body = c.expect.body as { code?: string } | undefined;
    if (body?.code?.startsWith('PGRST3')) {
      // PostgREST answers these before touching the database: the whole response is ours.
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.status).toBe(c.expect.status);
      expect(r.error.toBody()).toEqual(body);
      for (const [k, v] of Object.entries(c.expect.headers ?? {})) expect(r.error.headers[k]).toBe(v);
    } else {
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const expectedRole = (c.claims?.role as string | undefined) ?? 'cf_anon';
      expect(r.value.role).toBe(expectedRole);
      expect(r.value.authenticated).toBe(expectedRole !== 'cf_anon');
    }
  });
});
