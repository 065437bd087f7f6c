/**
 * Mints a JWT the simulated PostgREST accepts (the studio's "mint a token"): claims signed with jwt-secret
 * (HS256), or with the first private/symmetric key of a JWKS. No claims are added (no automatic iat).
 *
 * @example
 *   await mintJwt({ role: 'cf_user', sub: 'u-alice', exp: now + 3600 }, config)
 */
import { SignJWT, importJWK } from 'jose';
import type { JWK, JWTPayload } from 'jose';
import { GatehouseError } from '../../../shared/errors.js';
import type { Json } from '../errors/pgrst-error.js';
import { jwtKeysFromSecret } from '../config/secret.js';
import type { Jwk } from '../config/types.js';
import type { AuthConfig } from './authenticate.js';

function signingAlg(jwk: Jwk): string | null {
  if (typeof jwk.alg === 'string') return jwk.alg;
  if (jwk.kty === 'oct') return 'HS256';
  if (jwk.kty === 'RSA' && typeof jwk.d === 'string') return 'RS256';
  if (jwk.kty === 'EC' && typeof jwk.d === 'string') {
    return jwk.crv === 'P-384' ? 'ES384' : jwk.crv === 'P-521' ? 'ES512' : 'ES256';
  }
  if (jwk.kty === 'OKP' && typeof jwk.d === 'string') return 'EdDSA';
  return null;
}

export async function mintJwt(
  claims: Record<string, Json>,
  config: Pick<AuthConfig, 'jwtKeys' | 'jwtSecret' | 'jwtSecretIsBase64'>,
  options: { alg?: 'HS256' | 'HS384' | 'HS512' } = {},
): Promise<string> {
  let keys = config.jwtKeys;
  if (keys === null && config.jwtSecret !== null) {
    const k = jwtKeysFromSecret(config.jwtSecret, config.jwtSecretIsBase64);
    if (!k.ok)
      throw new GatehouseError('GH500', `Cannot mint a token: ${k.problem}`, { hint: 'Fix jwt-secret.' });
    keys = k.keys;
  }
  if (keys === null) {
    throw new GatehouseError('GH500', 'Cannot mint a token: the PostgREST configuration has no jwt-secret.', {
      hint: 'Set jwt-secret in postgrest.conf (or PGRST_JWT_SECRET).',
    });
  }
  const payload = claims as JWTPayload;
  if (keys.type === 'secret') {
    const alg = options.alg ?? 'HS256';
    return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(keys.secret);
  }
  for (const jwk of keys.keys) {
    const alg = signingAlg(jwk);
    if (alg === null) continue;
    const key = await importJWK(jwk as JWK, alg);
    const header = { alg, typ: 'JWT', ...(typeof jwk.kid === 'string' ? { kid: jwk.kid } : {}) };
    return new SignJWT(payload).setProtectedHeader(header).sign(key);
  }
  throw new GatehouseError('GH500', 'Cannot mint a token: the JWKS holds only public keys.', {
    hint: 'Tokens for a JWKS-configured PostgREST must come from the identity provider that holds the private key.',
  });
}
