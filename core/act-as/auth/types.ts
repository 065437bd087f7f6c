/**
 * Result of PostgREST's authentication step (Auth.hs, Auth/Jwt.hs): the role the request runs as and the
 * claims exposed as `request.jwt.claims`.
 */
import type { Json } from '../errors/pgrst-error.js';

export type AuthResult = {
  /** The role to `SET ROLE` to: the role claim, or db-anon-role. */
  role: string;
  /** The verified claims (empty object for anonymous requests). */
  claims: Record<string, Json>;
  /** PostgREST's "authed": the role is not db-anon-role (then 42501 → 403 instead of 401). */
  authenticated: boolean;
  /** The role came from db-anon-role, not from a claim. */
  anonymous: boolean;
};

/**
 * Entry point (auth/authenticate.ts):
 *   authenticate(config: PostgrestConfig, authorization: string | null, nowSeconds?: number)
 *     : Promise<Result<AuthResult>>
 * `authorization` is the raw Authorization header value (null when absent).
 */
