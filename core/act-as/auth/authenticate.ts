/**
 * Authorization header + config → the role and claims a request runs with (PostgREST's Auth.getAuthResult):
 * no token → db-anon-role (or PGRST302 when there is none); a token → verified claims, role from
 * jwt-role-claim-key, else db-anon-role. Never throws. The chosen major decides how tokens are verified
 * (12: hs-jose, jwt-hs-jose.ts; 13 on: jose-jwt, jwt.ts).
 *
 * @example
 *   await authenticate(config, 'Bearer eyJ…')  // ok({ role: 'cf_user', claims: {…}, authenticated: true, … })
 *   await authenticate(config, null)           // ok({ role: 'cf_anon', claims: {}, authenticated: false, … })
 */
import { pgrst } from '../errors/codes.js';
import type { Json } from '../errors/pgrst-error.js';
import type { Result } from '../errors/result.js';
import { err, ok } from '../errors/result.js';
import { evaluateJsPath } from '../config/js-path.js';
import { jwtKeysFromSecret } from '../config/secret.js';
import type { JwtKeys, PostgrestConfig } from '../config/types.js';
import type { AuthResult } from './types.js';
import { bearerToken } from './bearer.js';
import { decodeJwt, validateClaims } from './jwt.js';
import { verifyJwtHsJose } from './jwt-hs-jose.js';
import { DEFAULT_POSTGREST_VERSION, behavesAt } from '../versions.js';

export type AuthConfig = Pick<
  PostgrestConfig,
  'jwtKeys' | 'jwtSecret' | 'jwtSecretIsBase64' | 'jwtAud' | 'jwtRoleClaimKey' | 'dbAnonRole'
> &
  Partial<Pick<PostgrestConfig, 'postgrestVersion'>>;

/** The keys to verify with; a config built in code may carry only jwtSecret. Null = no usable secret. */
function keysOf(config: AuthConfig): JwtKeys | null {
  if (config.jwtKeys !== null) return config.jwtKeys;
  if (config.jwtSecret === null) return null;
  const version = config.postgrestVersion ?? DEFAULT_POSTGREST_VERSION;
  const k = jwtKeysFromSecret(
    config.jwtSecret,
    config.jwtSecretIsBase64,
    behavesAt(version, 'jwt-secret-min-length'),
  );
  return k.ok ? k.keys : null;
}

/**
 * Verified tokens, per key set (PostgREST's JWT cache, jwt-cache-max-entries): the signature is checked once per
 * token; the time claims (exp, nbf, iat) and the audience are still checked on every request. Bounded: when full,
 * the oldest entry goes (insertion order).
 */
const verified = new WeakMap<JwtKeys, Map<string, Record<string, Json>>>();
const JWT_CACHE_MAX = 1000;

async function decodeCached(token: string, keys: JwtKeys): Promise<Result<Record<string, Json>>> {
  let cache = verified.get(keys);
  const hit = cache?.get(token);
  if (hit !== undefined) return ok(hit);
  const decoded = await decodeJwt(token, keys);
  if (!decoded.ok) return decoded;
  if (!cache) verified.set(keys, (cache = new Map()));
  if (cache.size >= JWT_CACHE_MAX) cache.delete(cache.keys().next().value ?? '');
  cache.set(token, decoded.value);
  return decoded;
}

/** The role claim as text: a JSON string as is, anything else JSON-encoded (PostgREST's `unquoted`). */
function unquoted(v: Json): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export async function authenticate(
  config: AuthConfig,
  authorization: string | null,
  nowSeconds: number = Date.now() / 1000,
): Promise<Result<AuthResult>> {
  const version = config.postgrestVersion ?? DEFAULT_POSTGREST_VERSION;
  const diagnostic = behavesAt(version, 'jwt-diagnostic-errors');
  let token = bearerToken(authorization);
  // PostgREST 12 reads an empty Bearer token as no token (v12.2.12 Auth.hs:61 `parseToken _ "" _`).
  if (token === '' && !diagnostic) token = null;
  let claims: Record<string, Json> = {};
  if (token !== null) {
    const keys = keysOf(config);
    if (keys === null) return err(pgrst.jwtSecretMissing());
    if (!diagnostic) {
      const verified = await verifyJwtHsJose(token, keys, nowSeconds, config.jwtAud);
      if (!verified.ok) return verified;
      claims = verified.value;
    } else {
      const decoded = await decodeCached(token, keys);
      if (!decoded.ok) return decoded;
      const nullsChecked = behavesAt(version, 'jwt-null-time-claims-checked');
      const valid = validateClaims(decoded.value, nowSeconds, config.jwtAud, nullsChecked);
      if (!valid.ok) return valid;
      claims = valid.value;
    }
  }
  const fromClaim = evaluateJsPath(claims, config.jwtRoleClaimKey);
  const role = fromClaim !== undefined ? unquoted(fromClaim) : config.dbAnonRole;
  if (role === null) return err(pgrst.jwtTokenRequired());
  return ok({
    role,
    claims,
    authenticated: role !== config.dbAnonRole,
    anonymous: fromClaim === undefined,
  });
}
