/**
 * JWT decoding and claim validation as PostgREST does it (Auth/Jwt.hs): three dot-separated parts, a signature
 * that one of the configured keys verifies, a JSON-object payload, then exp/nbf/iat (30 s clock skew) and aud.
 * Errors are PGRST301 (decoding) / PGRST303 (claims) with PostgREST's messages and WWW-Authenticate headers.
 */
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import type { JWK } from 'jose';
import { pgrst } from '../errors/codes.js';
import type { Json } from '../errors/pgrst-error.js';
import type { Result } from '../errors/result.js';
import { err, ok } from '../errors/result.js';
import type { JwtKeys } from '../config/types.js';

/** PostgREST's allowed clock skew for exp/nbf/iat. */
export const allowedSkewSeconds = 30;

type Claims = Record<string, Json>;

/** The JWS algorithms PostgREST's JOSE library knows ("none" parses but is refused). */
const knownAlgs = new Set([
  'none',
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
]);

function isObject(v: unknown): v is Claims {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Verifies the token's signature with `keys` and returns its claims (PGRST301 / PGRST303 on failure). */
export async function decodeJwt(token: string, keys: JwtKeys): Promise<Result<Claims>> {
  if (token === '') return err(pgrst.jwtDecode({ kind: 'empty-auth-header' }));
  const parts = token.split('.').length;
  if (parts !== 3) return err(pgrst.jwtDecode({ kind: 'unexpected-parts', parts }));
  // A header the JOSE library cannot read (not base64url JSON, no or unknown alg) fails as a cryptographic
  // operation (PostgREST's spec: random characters → "JWT cryptographic operation failed").
  let alg: string;
  try {
    const header = decodeProtectedHeader(token);
    if (typeof header.alg !== 'string' || !knownAlgs.has(header.alg))
      return err(pgrst.jwtDecode({ kind: 'bad-crypto' }));
    alg = header.alg;
  } catch {
    return err(pgrst.jwtDecode({ kind: 'bad-crypto' }));
  }
  if (alg === 'none') {
    return err(
      pgrst.jwtDecode({
        kind: 'bad-algorithm',
        details: "JWT is unsecured but expected 'alg' was not 'none'",
      }),
    );
  }
  const candidates: Parameters<typeof compactVerify>[1][] = [];
  if (keys.type === 'secret') {
    if (alg.startsWith('HS')) candidates.push(keys.secret);
  } else {
    const kid = (() => {
      try {
        return decodeProtectedHeader(token).kid;
      } catch {
        return undefined;
      }
    })();
    // A key with the token's kid is preferred; otherwise every key is tried (jose-jwt's behaviour).
    const byKid = kid === undefined ? [] : keys.keys.filter((k) => k.kid === kid);
    for (const jwk of byKid.length > 0 ? byKid : keys.keys) {
      try {
        candidates.push(await importJWK(jwk as JWK, typeof jwk.alg === 'string' ? jwk.alg : alg));
      } catch {
        // A key that cannot be used for this algorithm is simply not a candidate.
      }
    }
  }
  if (candidates.length === 0 && keys.type === 'jwks' && keys.keys.length === 0) {
    return err(
      pgrst.jwtDecode({ kind: 'key-error', details: 'No suitable key was found to decode the JWT' }),
    );
  }
  let payload: Uint8Array | null = null;
  for (const key of candidates) {
    try {
      const r = await compactVerify(token, key, { algorithms: [alg] });
      payload = r.payload;
      break;
    } catch {
      // try the next key
    }
  }
  if (payload === null) {
    return err(
      pgrst.jwtDecode({ kind: 'key-error', details: 'None of the keys was able to decode the JWT' }),
    );
  }
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload)) as unknown;
  } catch {
    return err(pgrst.jwtClaims('parsing-claims-failed'));
  }
  if (!isObject(claims)) return err(pgrst.jwtClaims('parsing-claims-failed'));
  return ok(claims);
}

/** Scientific → Int64 as PostgREST does: non-integral or out-of-range numbers count as 0. */
function sciToInt(n: number): number {
  return Number.isInteger(n) && Number.isSafeInteger(n) ? n : 0;
}

/**
 * exp / nbf / iat / aud checks in PostgREST's order; the first failure wins. `jwtAud` null = any audience.
 * A claim that is null or absent is not checked.
 */
export function validateClaims(claims: Claims, nowSeconds: number, jwtAud: string | null): Result<Claims> {
  const now = Math.floor(nowSeconds);
  const num = (key: string): number | null | 'bad' => {
    const v = claims[key];
    if (v === undefined || v === null) return null;
    return typeof v === 'number' ? sciToInt(v) : 'bad';
  };
  const exp = num('exp');
  if (exp === 'bad') return err(pgrst.jwtClaims('exp-not-number'));
  if (exp !== null && now - allowedSkewSeconds > exp) return err(pgrst.jwtClaims('expired'));
  const nbf = num('nbf');
  if (nbf === 'bad') return err(pgrst.jwtClaims('nbf-not-number'));
  if (nbf !== null && now + allowedSkewSeconds < nbf) return err(pgrst.jwtClaims('not-yet-valid'));
  const iat = num('iat');
  if (iat === 'bad') return err(pgrst.jwtClaims('iat-not-number'));
  if (iat !== null && now + allowedSkewSeconds < iat) return err(pgrst.jwtClaims('issued-at-future'));
  const aud = claims.aud;
  if (aud !== undefined && aud !== null) {
    const matches = (a: string) => jwtAud === null || a === jwtAud;
    if (typeof aud === 'string') {
      if (!matches(aud)) return err(pgrst.jwtClaims('not-in-audience'));
    } else if (Array.isArray(aud) && aud.every((a) => typeof a === 'string')) {
      if (aud.length > 0 && !aud.some((a) => matches(a as string)))
        return err(pgrst.jwtClaims('not-in-audience'));
    } else {
      return err(pgrst.jwtClaims('aud-not-string-or-array'));
    }
  }
  return ok(claims);
}
