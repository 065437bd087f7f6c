/**
 * The token of an `Authorization: Bearer <token>` header (wai-extra's extractBearerAuth): the scheme is
 * case-insensitive, white space after it is skipped; any other scheme means "no token".
 *
 * @example
 *   bearerToken('Bearer abc')  // 'abc'
 *   bearerToken('bearer  abc') // 'abc'
 *   bearerToken('Bearer ')     // ''   (→ PGRST301 "Empty JWT is sent in Authorization header")
 *   bearerToken('Basic x')     // null (anonymous)
 */
export function bearerToken(authorization: string | null | undefined): string | null {
  if (authorization === null || authorization === undefined) return null;
  const m = /^(\S*)(\s*)([\s\S]*)$/.exec(authorization);
  if (!m) return null;
  return m[1]!.toLowerCase() === 'bearer' ? m[3]! : null;
}
