import type { PgrstError } from '../errors/pgrst-error.js';
import type { SimResponse } from './types.js';

/** PostgREST's error response: JSON body {code, details, hint, message}, Content-Type, Content-Length, Proxy-Status. */
export function errorResponse(error: PgrstError, verbosity: 'verbose' | 'minimal' = 'verbose'): SimResponse {
  const b = error.toBody();
  const body = JSON.stringify(
    verbosity === 'minimal'
      ? { code: b.code, message: b.message }
      : { code: b.code, details: b.details, hint: b.hint, message: b.message },
  );
  const headers: [string, string][] = [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Content-Length', String(Buffer.byteLength(body))],
    ['Proxy-Status', `PostgREST; error=${error.code}`],
    ...Object.entries(error.headers),
  ];
  return { status: error.status, statusText: error.statusText, headers, body };
}
