import { CompactSign } from 'jose';
import type { CaseJwt } from './cases.js';

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const NOW = /^\$now([+-]\d+)?$/;

/** Replaces `"$now±N"` claim values with the current Unix time ± N seconds (integers), at any depth. */
export function resolveClaims(value: JsonValue, nowSeconds: number): JsonValue {
  if (typeof value === 'string') {
    const m = NOW.exec(value);
    return m ? nowSeconds + Number(m[1] ?? 0) : value;
  }
  if (Array.isArray(value)) return value.map((v) => resolveClaims(v, nowSeconds));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveClaims(v, nowSeconds);
    return out;
  }
  return value;
}

/**
 * Signs claims exactly as given (HS256, header {"alg":"HS256","typ":"JWT"}, no iat added):
 * CompactSign signs the payload bytes without interpreting claims.
 */
export async function signHs256(claims: Record<string, JsonValue>, secret: string): Promise<string> {
  const payload = new TextEncoder().encode(JSON.stringify(claims));
  return new CompactSign(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

/** The Authorization header value a case sends, or null for none (README "JWTs"). */
export async function authorizationFor(
  claims: Readonly<Record<string, unknown>> | null,
  jwt: CaseJwt | undefined,
  defaultSecret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string | null> {
  if (jwt?.raw !== undefined) return jwt.raw;
  if (claims === null) return null;
  const resolved = resolveClaims(claims as JsonValue, nowSeconds) as Record<string, JsonValue>;
  const token = await signHs256(resolved, jwt?.secret ?? defaultSecret);
  return `${jwt?.scheme ?? 'Bearer'} ${token}`;
}
