import type { SimResponse } from './types.js';

/**
 * PostgREST's CORS layer (src/library/PostgREST/Cors.hs on wai-cors), applied only to requests that carry an Origin
 * header: a preflight is answered without reaching the API; other responses expose PostgREST's headers. With
 * server-cors-allowed-origins set, a listed origin is echoed with Allow-Credentials; any other origin fails the
 * policy, and as PostgREST ignores failures (corsIgnoreFailures) the request reaches the API without CORS headers.
 */
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'];
const EXPOSED =
  'Content-Encoding, Content-Location, Content-Range, Content-Type, Date, Location, Server, Transfer-Encoding, Range-Unit';

type Headers = readonly (readonly [string, string])[];
const get = (h: Headers, name: string): string | undefined => h.find(([k]) => k.toLowerCase() === name)?.[1];

/** server-cors-allowed-origins: null or empty = any origin. */
export type AllowedOrigins = readonly string[] | null | undefined;

/** The origin headers wai-cors sends (commonCorsHeaders), or null when the origin fails the policy. */
function originHeaders(origin: string, allowed: AllowedOrigins): [string, string][] | null {
  if (!allowed || allowed.length === 0) return [['Access-Control-Allow-Origin', '*']];
  if (!allowed.includes(origin)) return null;
  return [
    ['Access-Control-Allow-Origin', origin],
    ['Access-Control-Allow-Credentials', 'true'],
  ];
}

/** The preflight answer, or null when the request is not a CORS preflight PostgREST would answer itself. */
export function corsPreflight(
  method: string,
  headers: Headers,
  allowed?: AllowedOrigins,
): SimResponse | null {
  const origin = get(headers, 'origin');
  if (method.toUpperCase() !== 'OPTIONS' || origin === undefined) return null;
  const common = originHeaders(origin, allowed);
  if (common === null) return null;
  const wanted = get(headers, 'access-control-request-method');
  if (wanted === undefined || !METHODS.includes(wanted.trim())) return null;
  const requested = (get(headers, 'access-control-request-headers') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    status: 200,
    statusText: null,
    headers: [
      ...common,
      ['Access-Control-Allow-Methods', METHODS.join(', ')],
      ['Access-Control-Allow-Headers', ['Authorization', ...requested].join(', ')],
      ['Access-Control-Max-Age', String(60 * 60 * 24)],
    ],
    body: '',
  };
}

/** Adds the CORS headers of an actual (non-preflight) request that carries an Origin header. */
export function withCors(res: SimResponse, headers: Headers, allowed?: AllowedOrigins): SimResponse {
  const origin = get(headers, 'origin');
  if (origin === undefined) return res;
  const common = originHeaders(origin, allowed);
  if (common === null) return res;
  return { ...res, headers: [...res.headers, ...common, ['Access-Control-Expose-Headers', EXPOSED]] };
}
