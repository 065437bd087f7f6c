/**
 * JWT verification as PostgREST 12 does it: through hs-jose 0.11 (`JWT.verifyClaimsAt validation secret time =<<
 * JWT.decodeCompact token`, v12.2.12 src/PostgREST/Auth.hs:56-76), every failure a 401 PGRST301 whose message is
 * Haskell's `show` of hs-jose's error ("JWSError JWSInvalidSignature"), except JWTExpired → "JWT expired".
 *
 * hs-jose v0.11, in its order:
 *  1. `decodeCompact` (Compact.hs:47, JWS.hs:468-481): three dot-separated parts, else CompactDecodeError; then the
 *     flattened JWS object is read with aeson's `fromJSON` (no path in the text): the payload's base64url, the
 *     protected header's base64url and JSON (JWS.hs:304-319), its `alg` (Header.hs:276-291, JWA/JWS.hs:32-48,
 *     TH.hs:61 "unrecognised value; expected: […]"), `kid`/`typ`/`cty` as text, then the signature's base64url
 *     (Types/Internal.hs:95-105: unpadded base64url only).
 *  2. `verifyJWSWithPayload` (JWS.hs:634-654): the payload is decoded as a ClaimsSet FIRST (JWT.hs:450-460 with
 *     aeson's eitherDecode, JWT.hs:667-672), then signatures whose alg is not allowed (only "none") are dropped →
 *     JWSNoSignatures; no key → NoUsableKeys; every key of the set is tried, none verifying → JWSInvalidSignature
 *     (the key set is not filtered by kid or alg: JWK/Store.hs:101-106).
 *  3. `validateClaimsSet` (JWT.hs:553-618): exp, iat, nbf, iss, aud, with 30 s skew (Auth.hs:68); an empty `aud`
 *     array matches no audience.
 * Recorded by PostgREST's own tests on hs-jose: test/io/test_io.py test_jwt_errors at f69ef6c42 (2024-06-16, same
 * Auth.hs logic as v12.2.12) and v12.2.12 test/spec/Feature/Auth/AuthSpec.hs:106-126.
 */
import { compactVerify, importJWK } from 'jose';
import type { JWK } from 'jose';
import { pgrst } from '../errors/codes.js';
import type { Json } from '../errors/pgrst-error.js';
import type { Result } from '../errors/result.js';
import { err, ok } from '../errors/result.js';
import { showString } from '../request/parsec.js';
import type { JwtKeys } from '../config/types.js';
import { aesonDecode } from './aeson-json.js';

type Claims = Record<string, Json>;

/** hs-jose's Alg constructors, in their declaration order (the order its "expected" text lists them). */
const ALGS: readonly string[] = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'ES256K',
  'PS256',
  'PS384',
  'PS512',
  'none',
  'EdDSA',
];

class Rejected {
  constructor(readonly message: string) {}
}
const jsonDecodeError = (msg: string): Rejected =>
  new Rejected(`JWSError (JSONDecodeError ${showString(msg)})`);
const claimsDecodeError = (msg: string): Rejected =>
  new Rejected(`JWTClaimsSetDecodeError ${showString(msg)}`);

/** aeson's typeOf. */
function typeOf(v: Json): string {
  if (v === null) return 'Null';
  if (Array.isArray(v)) return 'Array';
  if (typeof v === 'object') return 'Object';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'Number';
  return 'Boolean';
}

/** base64url without padding, as base64-bytestring's decodeUnpadded accepts it (canonical trailing bits). */
function base64url(part: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(part) || part.length % 4 === 1) return null;
  const bytes = new Uint8Array(Buffer.from(part, 'base64url'));
  return Buffer.from(bytes).toString('base64url') === part ? bytes : null;
}

/** Network.URI's parseURI, as far as a claim value needs it: a scheme, then only characters a URI may hold. */
function isUri(s: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:([A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/.test(s);
}

/** StringOrURI's FromJSON: text; with a ':' it must parse as a URI (JWT.hs:228-250). */
function stringOrUri(v: Json, path: string): string {
  if (typeof v !== 'string')
    throw claimsDecodeError(
      `Error in ${path}: parsing StringOrURI failed, expected String, but encountered ${typeOf(v)}`,
    );
  if (v.includes(':') && !isUri(v)) throw claimsDecodeError(`Error in ${path}: failed to parse StringOrURI`);
  return v;
}

/** Show of a parsed URI hides a password in the user info (Network.URI's defaultUserInfoMap). */
function shownUri(s: string): string {
  return s.includes(':') ? s.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^:@/]*):[^@/]*@/, '$1$2:...@') : s;
}

/**
 * The ClaimsSet read (JWT.hs:450-460, fields in that order) and written back (JWT.hs:462-474): PostgREST 12's
 * claims are the re-encoded set — a one-element `aud` array becomes a string, registered claims that are null go.
 */
function claimsSet(payload: Uint8Array): {
  claims: Claims;
  aud: string[] | null;
  times: Record<string, number>;
} {
  const decoded = aesonDecode(payload);
  if (!decoded.ok) throw claimsDecodeError(decoded.message);
  const o = decoded.value;
  if (o === null || typeof o !== 'object' || Array.isArray(o))
    throw claimsDecodeError(
      `Error in $: parsing JWT Claims Set failed, expected Object, but encountered ${typeOf(o)}`,
    );
  const claims: Claims = { ...o };
  const present = (k: string): Json | undefined => (o[k] === null ? undefined : o[k]);
  for (const k of ['iss', 'sub']) {
    const v = present(k);
    if (v === undefined) delete claims[k];
    else claims[k] = shownUri(stringOrUri(v, `$.${k}`));
  }
  let aud: string[] | null = null;
  const audV = present('aud');
  if (audV === undefined) delete claims.aud;
  else {
    // Audience: a list of StringOrURI, else one (the second alternative's failure is the one reported).
    let list: string[] | null = null;
    if (Array.isArray(audV)) {
      try {
        list = audV.map((a, i) => stringOrUri(a, `$.aud[${i}]`));
      } catch {
        list = null;
      }
    }
    aud = list ?? [stringOrUri(audV, '$.aud')];
    claims.aud = aud.length === 1 ? shownUri(aud[0]!) : aud.map(shownUri);
  }
  const times: Record<string, number> = {};
  for (const k of ['exp', 'nbf', 'iat']) {
    const v = present(k);
    if (v === undefined) {
      delete claims[k];
      continue;
    }
    if (typeof v !== 'number')
      throw claimsDecodeError(
        `Error in $.${k}: parsing NumericDate failed, expected Number, but encountered ${typeOf(v)}`,
      );
    times[k] = v;
  }
  const jti = present('jti');
  if (jti === undefined) delete claims.jti;
  else if (typeof jti !== 'string')
    throw claimsDecodeError(
      `Error in $.jti: parsing Text failed, expected String, but encountered ${typeOf(jti)}`,
    );
  return { claims, aud, times };
}

/** decodeCompact: the three parts as the flattened JWS object is read, or hs-jose's error. */
function decodeCompact(token: string): { alg: string; payload: Uint8Array } {
  const parts = token.split('.');
  if (parts.length !== 3)
    throw new Rejected(
      `JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got ${parts.length})`,
    );
  const [h, p, s] = parts as [string, string, string];
  const payload = base64url(p);
  if (payload === null) throw jsonDecodeError('Not valid base64url');
  const headerBytes = base64url(h);
  if (headerBytes === null) throw jsonDecodeError('Not valid base64url');
  const header = aesonDecode(headerBytes);
  if (!header.ok || header.value === null || typeof header.value !== 'object' || Array.isArray(header.value))
    throw jsonDecodeError('protected header contains invalid JSON');
  const hdr = header.value;
  if (!('alg' in hdr)) throw jsonDecodeError('missing required header "alg"');
  const alg = hdr.alg;
  if (typeof alg !== 'string' || !ALGS.includes(alg))
    throw jsonDecodeError(`unrecognised value; expected: [${ALGS.map((a) => `"${a}"`).join(',')}]`);
  // kid, typ and cty are text when present, null included (Header.hs:238-252 headerOptional').
  for (const k of ['kid', 'typ', 'cty']) {
    const v = hdr[k];
    if (v !== undefined && typeof v !== 'string')
      throw jsonDecodeError(`parsing Text failed, expected String, but encountered ${typeOf(v)}`);
  }
  if (base64url(s) === null) throw jsonDecodeError('Not valid base64url');
  return { alg, payload };
}

async function verifiesWith(token: string, alg: string, keys: JwtKeys): Promise<boolean | 'no-keys'> {
  const candidates: Parameters<typeof compactVerify>[1][] = [];
  if (keys.type === 'secret') candidates.push(keys.secret);
  else {
    if (keys.keys.length === 0) return 'no-keys';
    for (const jwk of keys.keys) {
      try {
        // hs-jose verifies with the header's alg and the key's material; the JWK's own alg is not consulted.
        const { alg: _own, ...material } = jwk;
        candidates.push(await importJWK(material as JWK, alg));
      } catch {
        // material that cannot verify this alg verifies nothing
      }
    }
  }
  for (const key of candidates) {
    try {
      await compactVerify(token, key, { algorithms: [alg] });
      return true;
    } catch {
      // the next key
    }
  }
  return false;
}

/**
 * The claims PostgREST 12 accepts from `token`, or its PGRST301. `nowSeconds` is PostgREST's clock; `jwtAud` the
 * configured audience (null: any).
 */
export async function verifyJwtHsJose(
  token: string,
  keys: JwtKeys,
  nowSeconds: number,
  jwtAud: string | null,
): Promise<Result<Claims>> {
  try {
    const { alg, payload } = decodeCompact(token);
    const set = claimsSet(payload);
    if (alg === 'none') throw new Rejected('JWSError JWSNoSignatures');
    const verified = await verifiesWith(token, alg, keys);
    if (verified === 'no-keys') throw new Rejected('JWSError NoUsableKeys');
    if (!verified) throw new Rejected('JWSError JWSInvalidSignature');
    const skew = 30;
    const { exp, iat, nbf } = set.times;
    if (exp !== undefined && !(nowSeconds < exp + skew)) throw new Rejected('JWT expired');
    if (iat !== undefined && iat > nowSeconds + skew) throw new Rejected('JWTIssuedAtFuture');
    if (nbf !== undefined && !(nowSeconds >= nbf - skew)) throw new Rejected('JWTNotYetValid');
    if (set.aud !== null && !set.aud.some((a) => jwtAud === null || a === jwtAud))
      throw new Rejected('JWTNotInAudience');
    return ok(set.claims);
  } catch (e) {
    if (e instanceof Rejected) return err(pgrst.jwtInvalid(e.message));
    throw e;
  }
}
