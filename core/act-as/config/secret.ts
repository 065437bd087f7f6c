/**
 * jwt-secret → verification keys, as PostgREST derives them (Config.hs parseSecret/decodeSecret): a JWKS
 * document, a single JWK, or else the secret itself as an HS256 key, which must be at least 32 bytes.
 *
 * @example
 *   jwtKeysFromSecret('cf-conformance-jwt-secret-0123456789abcdef', false) // {type:'secret', …}
 *   jwtKeysFromSecret('{"keys":[{"kty":"RSA",…}]}', false)              // {type:'jwks', keys:[…]}
 */
import type { Jwk, JwtKeys } from './types.js';

export type SecretResult = { ok: true; keys: JwtKeys } | { ok: false; problem: string };

function isJwk(v: unknown): v is Jwk {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as { kty?: unknown }).kty === 'string'
  );
}

/** Base64 with PostgREST's URL-alphabet tolerance ("-"→"+", "_"→"/", "."→"="). */
function decodeBase64(text: string): Uint8Array | null {
  const s = text.replace(/\./g, '=').replace(/-/g, '+').replace(/_/g, '/').trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return null;
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/** `minLength32`: the major refuses shorter secrets (13 on); PostgREST 12 took any length. */
export function jwtKeysFromSecret(secret: string, isBase64: boolean, minLength32 = true): SecretResult {
  let bytes: Uint8Array = new TextEncoder().encode(secret);
  if (isBase64) {
    const d = decodeBase64(secret);
    if (d === null)
      return { ok: false, problem: 'jwt-secret is not valid base64 (jwt-secret-is-base64 = true)' };
    bytes = d;
  }
  const text = new TextDecoder().decode(bytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { keys?: unknown }).keys)) {
    const keys = (parsed as { keys: unknown[] }).keys;
    if (keys.every(isJwk)) return { ok: true, keys: { type: 'jwks', keys } };
  }
  if (isJwk(parsed)) return { ok: true, keys: { type: 'jwks', keys: [parsed] } };
  if (minLength32 && bytes.length < 32)
    return { ok: false, problem: 'The JWT secret must be at least 32 characters long.' };
  return { ok: true, keys: { type: 'secret', secret: bytes } };
}
