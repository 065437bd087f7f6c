import { CompactSign } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadPostgrestConfig } from '../config/load.js';
import type { Json } from '../errors/pgrst-error.js';
import { aesonDecode } from './aeson-json.js';
import { authenticate } from './authenticate.js';

const secret = 'cf-conformance-jwt-secret-0123456789abcdef';
const now = 1_900_000_000;
const v12 = {
  ...loadPostgrestConfig({ text: `db-anon-role = "cf_anon"\njwt-secret = "${secret}"`, env: {} }),
};
const config = { ...v12, postgrestVersion: 12 as const };
const b64 = (s: string): string => Buffer.from(s).toString('base64url');

async function signed(payload: string, alg = 'HS256', extra: Record<string, Json> = {}): Promise<string> {
  return new CompactSign(new TextEncoder().encode(payload))
    .setProtectedHeader({ alg, ...extra })
    .sign(new TextEncoder().encode(secret));
}

/** The PGRST301 message PostgREST 12 answers for `authorization`, or the role when it accepts it. */
async function answer(authorization: string, cfg: typeof config = config): Promise<string> {
  const r = await authenticate(cfg, authorization, now);
  if (r.ok) return `role ${r.value.role}`;
  expect(r.error.status).toBe(401);
  expect(r.error.code).toBe('PGRST301');
  return r.error.message;
}

describe('PostgREST 12 JWT errors (hs-jose 0.11 shown, aeson 2.1 texts)', () => {
  it.each<[string, () => Promise<string>, string]>([
    // Recorded by PostgREST: v12.2.12 AuthSpec.hs:117-126 and test_io.py test_jwt_errors at f69ef6c42.
    [
      'two parts',
      async () => 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.bm90IGFuIG9iamVjdA',
      'JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 2)',
    ],
    [
      'four parts',
      async () => 'Bearer a.b.c.d',
      'JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 4)',
    ],
    [
      'alg none',
      async () =>
        'Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.e30.yOBhlOIqn56T-4NvyEXCjfi3UmyQZ-BzXtePMO2NgRI',
      'JWSError JWSNoSignatures',
    ],
    [
      'wrong secret',
      async () =>
        `Bearer ${await new CompactSign(new TextEncoder().encode('{"role":"x"}'))
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode('another-secret-of-thirty-two-chars!'))}`,
      'JWSError JWSInvalidSignature',
    ],
    ['exp passed', async () => `Bearer ${await signed(`{"exp":${now - 31}}`)}`, 'JWT expired'],
    ['nbf ahead', async () => `Bearer ${await signed(`{"nbf":${now + 31}}`)}`, 'JWTNotYetValid'],
    ['iat ahead', async () => `Bearer ${await signed(`{"iat":${now + 31}}`)}`, 'JWTIssuedAtFuture'],
    // Derived from the source (file:line in jwt-hs-jose.ts).
    ['empty aud', async () => `Bearer ${await signed('{"aud":[]}')}`, 'JWTNotInAudience'],
    [
      'exp not a number',
      async () => `Bearer ${await signed('{"exp":"soon"}')}`,
      'JWTClaimsSetDecodeError "Error in $.exp: parsing NumericDate failed, expected Number, but encountered String"',
    ],
    [
      'aud a number',
      async () => `Bearer ${await signed('{"aud":5}')}`,
      'JWTClaimsSetDecodeError "Error in $.aud: parsing StringOrURI failed, expected String, but encountered Number"',
    ],
    [
      'aud array with a number',
      async () => `Bearer ${await signed('{"aud":["a",1]}')}`,
      'JWTClaimsSetDecodeError "Error in $.aud: parsing StringOrURI failed, expected String, but encountered Array"',
    ],
    [
      'sub with a colon that is no URI',
      async () => `Bearer ${await signed('{"sub":"user id: 5"}')}`,
      'JWTClaimsSetDecodeError "Error in $.sub: failed to parse StringOrURI"',
    ],
    [
      'jti a number',
      async () => `Bearer ${await signed('{"jti":7}')}`,
      'JWTClaimsSetDecodeError "Error in $.jti: parsing Text failed, expected String, but encountered Number"',
    ],
    [
      'payload an array',
      async () => `Bearer ${await signed('[1]')}`,
      'JWTClaimsSetDecodeError "Error in $: parsing JWT Claims Set failed, expected Object, but encountered Array"',
    ],
    [
      'payload not JSON, checked before the signature',
      async () => `Bearer ${b64('{"alg":"HS256"}')}.${b64('{"role": cf_user}')}.c2ln`,
      `JWTClaimsSetDecodeError "Error in $: Failed reading: not a valid json value. Expecting object value at 'cf_user}'"`,
    ],
    [
      'unknown alg',
      async () => `Bearer ${b64('{"alg":"HS999"}')}.e30.c2ln`,
      'JWSError (JSONDecodeError "unrecognised value; expected: [\\"HS256\\",\\"HS384\\",\\"HS512\\",\\"RS256\\",\\"RS384\\",\\"RS512\\",\\"ES256\\",\\"ES384\\",\\"ES512\\",\\"ES256K\\",\\"PS256\\",\\"PS384\\",\\"PS512\\",\\"none\\",\\"EdDSA\\"]")',
    ],
    [
      'no alg',
      async () => `Bearer ${b64('{"typ":"JWT"}')}.e30.c2ln`,
      'JWSError (JSONDecodeError "missing required header \\"alg\\"")',
    ],
    [
      'kid a number',
      async () => `Bearer ${b64('{"alg":"HS256","kid":1}')}.e30.c2ln`,
      'JWSError (JSONDecodeError "parsing Text failed, expected String, but encountered Number")',
    ],
    [
      'header not JSON',
      async () => `Bearer ${b64('{alg}')}.e30.c2ln`,
      'JWSError (JSONDecodeError "protected header contains invalid JSON")',
    ],
    [
      'padded payload',
      async () => `Bearer ${b64('{"alg":"HS256"}')}.e30=.c2ln`,
      'JWSError (JSONDecodeError "Not valid base64url")',
    ],
    [
      'payload before header',
      async () => 'Bearer !!.@@.##',
      'JWSError (JSONDecodeError "Not valid base64url")',
    ],
    [
      'bad signature base64',
      async () => `Bearer ${b64('{"alg":"HS256"}')}.e30.a+b`,
      'JWSError (JSONDecodeError "Not valid base64url")',
    ],
  ])('%s', async (_name, token, message) => {
    expect(await answer(await token())).toBe(message);
  });

  it('shows the message in WWW-Authenticate as Haskell shows text', async () => {
    const r = await authenticate(config, `Bearer ${await signed('{"exp":"soon"}')}`, now);
    expect(!r.ok && r.error.headers['WWW-Authenticate']).toBe(
      'Bearer error="invalid_token", error_description="JWTClaimsSetDecodeError \\"Error in $.exp: parsing NumericDate failed, expected Number, but encountered String\\""',
    );
  });

  it('checks exp, iat, nbf, aud in that order with 30 s of skew either way', async () => {
    expect(await answer(`Bearer ${await signed(`{"exp":${now - 29},"role":"r"}`)}`)).toBe('role r');
    expect(await answer(`Bearer ${await signed(`{"nbf":${now + 29},"iat":${now + 29},"role":"r"}`)}`)).toBe(
      'role r',
    );
    expect(await answer(`Bearer ${await signed(`{"nbf":${now + 31},"iat":${now + 31}}`)}`)).toBe(
      'JWTIssuedAtFuture',
    );
    const audCfg = { ...config, jwtAud: 'api' };
    expect(await answer(`Bearer ${await signed('{"aud":["x","api"],"role":"r"}')}`, audCfg)).toBe('role r');
    expect(await answer(`Bearer ${await signed('{"aud":"x"}')}`, audCfg)).toBe('JWTNotInAudience');
  });

  it('an empty Bearer token is no token; null registered claims are absent; a one-element aud is a string', async () => {
    expect(await answer('Bearer ')).toBe('role cf_anon');
    const r = await authenticate(
      config,
      `Bearer ${await signed('{"role":"r","exp":null,"aud":["a"],"x":1}')}`,
      now,
    );
    expect(r.ok && r.value.claims).toEqual({ role: 'r', aud: 'a', x: 1 });
  });

  it('a JWKS without keys has no usable key', async () => {
    const cfg = { ...config, jwtKeys: { type: 'jwks' as const, keys: [] } };
    expect(await answer(`Bearer ${await signed('{}')}`, cfg)).toBe('JWSError NoUsableKeys');
  });
});

describe('aeson 2.1 eitherDecode texts', () => {
  const dec = (s: string) => aesonDecode(new TextEncoder().encode(s));
  it.each([
    ['', 'Error in $: not enough input'],
    ['xyz', "Error in $: Failed reading: not a valid json value at 'xyz'"],
    ['nul', "Error in $: string at 'nul'"],
    ['{} x', "Error in $: endOfInput at 'x'"],
    ['{"a" 1}', "Error in $: Failed reading: satisfy. Expecting ':' at '1}'"],
    ['{a:1}', "Error in $: Failed reading: satisfy. Expecting object key at 'a:1}'"],
    ['{"a":1 "b":2}', "Error in $: Failed reading: satisfy. Expecting ',' or '}' at 'b:2}'"],
    ['[1,]', "Error in $: Failed reading: not a valid json value. Expecting json list value at ']'"],
    ['{"a":[tru]}', "Error in $: string. Expecting object value at 'tru]}'"],
    ['01', 'Error in $: Failed reading: leading zero'],
    ['-', 'Error in $: not enough input'],
    ['"abc', 'Error in $: Failed reading: string without end'],
    [
      '{"a":"x\\q"}',
      "Error in $: Failed reading: Cannot decode input: Data.Text.Internal.Encoding.decodeUtf8: Invalid UTF-8 stream. Expecting object value at '}'",
    ],
  ])('%j → %s', (text, message) => {
    expect(dec(text)).toEqual({ ok: false, message });
  });

  it('keeps the first of duplicate keys and reads numbers, escapes and surrogate pairs', () => {
    expect(dec('{"a":1,"a":2,"b":[1.5e2,-0,true,null],"c":"\\u00e9\\ud83d\\ude00"}')).toEqual({
      ok: true,
      value: { a: 1, b: [150, -0, true, null], c: 'é😀' },
    });
    expect(dec(' 1e ')).toEqual({ ok: false, message: "Error in $: endOfInput at 'e'" });
  });
});
