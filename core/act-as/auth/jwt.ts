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
import type { Jwk as JwtKeysJwk, JwtKeys } from '../config/types.js';

/** PostgREST's allowed clock skew for exp/nbf/iat. */
export const allowedSkewSeconds = 30;

type Claims = Record<string, Json>;

/** The JWS algorithms jose-jwt knows (Jwa.hs:22, 33; "none" parses but is refused; PS* do not parse). */
const knownAlgs = new Set([
  'none',
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
]);

/** The key type each algorithm needs (jose-jwt Jwk.hs:112-136 canDecodeJws). */
function ktyFits(alg: string, jwk: JwtKeysJwk): boolean {
  if (alg === 'EdDSA') return jwk.kty === 'OKP' && (jwk.crv === 'Ed25519' || jwk.crv === 'Ed448');
  if (alg.startsWith('RS')) return jwk.kty === 'RSA';
  if (alg.startsWith('HS')) return jwk.kty === 'oct';
  if (alg.startsWith('ES')) return jwk.kty === 'EC';
  return false;
}

/** jose-jwt's canDecodeJws: not an encryption key, the token's kid (if any) equal to the key's, alg compatible. */
function canDecodeJws(alg: string, kid: unknown, jwk: JwtKeysJwk): boolean {
  return (
    jwk.use !== 'enc' &&
    (kid === undefined || kid === jwk.kid) &&
    (jwk.alg === undefined || jwk.alg === alg) &&
    ktyFits(alg, jwk)
  );
}

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
  let kid: unknown;
  try {
    const header = decodeProtectedHeader(token);
    if (typeof header.alg !== 'string' || !knownAlgs.has(header.alg))
      return err(pgrst.jwtDecode({ kind: 'bad-crypto' }));
    // jose-jwt reads a kid as text (a null one as none); anything else fails the header.
    kid = header.kid ?? undefined;
    if (kid !== undefined && typeof kid !== 'string') return err(pgrst.jwtDecode({ kind: 'bad-crypto' }));
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
  // jose-jwt's decode (Jwt.hs:84-126): only the keys `canDecodeJws` admits are tried; none → KeyError.
  const candidates: Parameters<typeof compactVerify>[1][] = [];
  if (keys.type === 'secret') {
    // The secret is one symmetric JWK with alg HS256, use sig and no kid (Config.hs parseSecret).
    if (alg === 'HS256' && kid === undefined) candidates.push(keys.secret);
  } else {
    for (const jwk of keys.keys.filter((k) => canDecodeJws(alg, kid, k))) {
      try {
        candidates.push(await importJWK(jwk as JWK, alg));
      } catch {
        // A key jose cannot load for this algorithm decodes nothing (jose-jwt: UnsupportedJwk).
      }
    }
  }
  if (candidates.length === 0)
    return err(
      pgrst.jwtDecode({ kind: 'key-error', details: 'No suitable key was found to decode the JWT' }),
    );
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
 * An absent claim is not checked, nor a null one unless `nullTimesChecked` (PostgREST 13 looked a null exp, nbf
 * or iat up and found no number: v13.0.8 Auth.hs verifyClaim/isValidExpClaim; 14 parses them with `.:?`).
 */
export function validateClaims(
  claims: Claims,
  nowSeconds: number,
  jwtAud: string | null,
  nullTimesChecked = false,
): Result<Claims> {
  const now = Math.floor(nowSeconds);
  const num = (key: string): number | null | 'bad' => {
    const v = claims[key];
    if (v === undefined || (v === null && !nullTimesChecked)) return null;
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
