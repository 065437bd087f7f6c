import type { SimResponse } from './types.js';

/**
 * PostgREST's CORS layer (server-cors-allowed-origins unset: any origin), applied only to requests that carry an
 * Origin header: a preflight is answered without reaching the API; other responses expose PostgREST's headers.
 */
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'];
const EXPOSED =
  'Content-Encoding, Content-Location, Content-Range, Content-Type, Date, Location, Server, Transfer-Encoding, Range-Unit';

type Headers = readonly (readonly [string, string])[];
const get = (h: Headers, name: string): string | undefined => h.find(([k]) => k.toLowerCase() === name)?.[1];

/** The preflight answer, or null when the request is not a CORS preflight PostgREST would answer itself. */
export function corsPreflight(method: string, headers: Headers): SimResponse | null {
  if (method.toUpperCase() !== 'OPTIONS' || get(headers, 'origin') === undefined) return null;
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
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Allow-Methods', METHODS.join(', ')],
      ['Access-Control-Allow-Headers', ['Authorization', ...requested].join(', ')],
      ['Access-Control-Max-Age', String(60 * 60 * 24)],
    ],
    body: '',
  };
}

/** Adds the CORS headers of an actual (non-preflight) request that carries an Origin header. */
export function withCors(res: SimResponse, headers: Headers): SimResponse {
  if (get(headers, 'origin') === undefined) return res;
  return {
    ...res,
    headers: [
      ...res.headers,
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Expose-Headers', EXPOSED],
    ],
  };
}
