/** Authentication of the act-as simulator: Authorization header → role + claims, as PostgREST decides them. */
export type * from './types.js';
export { authenticate } from './authenticate.js';
export type { AuthConfig } from './authenticate.js';
export { bearerToken } from './bearer.js';
export { decodeJwt, validateClaims, allowedSkewSeconds } from './jwt.js';
export { mintJwt } from './mint.js';
