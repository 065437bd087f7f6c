import { CompactSign } from 'jose';
import type { Json } from './errors/pgrst-error.js';
import type { PostgrestConfig } from './config/types.js';

/**
 * Who the request runs as:
 * - `request`: the request's own Authorization header, exactly as PostgREST sees it (serve, conformance);
 * - `jwt`: this token, sent as `Authorization: Bearer <token>`;
 * - `claims`: these claims, signed with the config's jwt-secret (so PostgREST's checks still apply);
 * - `anon`: no Authorization header (db-anon-role).
 */
export type Persona =
  | { readonly type: 'request' }
  | { readonly type: 'jwt'; readonly token: string }
  | { readonly type: 'claims'; readonly claims: Readonly<Record<string, Json>> }
  | { readonly type: 'anon' };

/** Signs claims as given (HS256, no iat added). */
export async function signClaims(
  claims: Readonly<Record<string, Json>>,
  secret: Uint8Array,
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(secret);
}

/**
 * The Authorization header value the persona sends, or null for none. For `claims` without a symmetric secret
 * (JWKS configs) there is no way to sign: the caller then authenticates the claims directly.
 */
export async function authorizationHeader(
  persona: Persona,
  requestAuthorization: string | null,
  config: PostgrestConfig,
): Promise<{ header: string | null; unsignedClaims: Readonly<Record<string, Json>> | null }> {
  switch (persona.type) {
    case 'request':
      return { header: requestAuthorization, unsignedClaims: null };
    case 'anon':
      return { header: null, unsignedClaims: null };
    case 'jwt':
      return { header: `Bearer ${persona.token}`, unsignedClaims: null };
    case 'claims':
      if (config.jwtKeys?.type === 'secret')
        return {
          header: `Bearer ${await signClaims(persona.claims, config.jwtKeys.secret)}`,
          unsignedClaims: null,
        };
      return { header: null, unsignedClaims: persona.claims };
  }
}
