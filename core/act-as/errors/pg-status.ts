/**
 * PostgreSQL errors → PostgREST responses (PostgREST's pgErrorStatus / mapSQLtoHTTP and the PgError instances).
 *
 * @example
 *   pgErrorStatus({ code: '23505', message: 'duplicate key…' }, true)   // 409
 *   pgErrorStatus({ code: '42501', message: 'permission denied…' }, false) // 401 (anonymous)
 *   pgError({ code: 'PT402', message: 'Upgrade required', detail: 'x', hint: 'y' }, true) // 402, body code PT402
 */
import { pgrst } from './codes.js';
import type { Json } from './pgrst-error.js';
import { PgrstError } from './pgrst-error.js';

/** The fields of a PostgreSQL ErrorResponse that PostgREST uses (node-postgres' DatabaseError has them). */
export type PgServerError = {
  code: string;
  message: string;
  detail?: string | null | undefined;
  hint?: string | null | undefined;
};

type RaisePgrst = {
  code: string;
  message: string;
  details: string | null;
  hint: string | null;
  status: number;
  statusText: string | null;
  headers: Record<string, string>;
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function optText(v: unknown): string | null | undefined {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : undefined;
}

/**
 * `RAISE SQLSTATE 'PGRST' USING message = '{"code":…,"message":…}', detail = '{"status":…,"headers":{…}}'`:
 * parses both JSON documents, or returns the PGRST121 error PostgREST answers when they are malformed.
 */
export function parseRaisePgrst(message: string, detail: string | null | undefined): RaisePgrst | PgrstError {
  const m = tryJson(message);
  const msgErr = pgrst.pgrstParse({ kind: 'message', message });
  if (!isRecord(m) || typeof m.code !== 'string' || typeof m.message !== 'string') return msgErr;
  const details = optText(m.details);
  const hint = optText(m.hint);
  if (details === undefined || hint === undefined) return msgErr;
  if (detail === null || detail === undefined) return pgrst.pgrstParse({ kind: 'no-detail' });
  const d = tryJson(detail);
  const detErr = pgrst.pgrstParse({ kind: 'details', details: detail });
  if (!isRecord(d) || typeof d.status !== 'number' || !Number.isInteger(d.status) || !isRecord(d.headers)) {
    return detErr;
  }
  const statusText = optText(d.status_text);
  if (statusText === undefined) return detErr;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.headers)) {
    if (typeof v !== 'string') return detErr;
    headers[k] = v;
  }
  return { code: m.code, message: m.message, details, hint, status: d.status, statusText, headers };
}

/**
 * HTTP status for a PostgreSQL error. `authenticated` = the request carried a valid JWT (PostgREST's
 * "authed"): 42501 is 403 then, 401 for anonymous requests.
 */
export function pgErrorStatus(error: PgServerError, authenticated: boolean): number {
  const c = error.code;
  const m = error.message;
  const p2 = c.slice(0, 2);
  if (c === 'PGRST') {
    const r = parseRaisePgrst(m, error.detail);
    return r instanceof PgrstError ? r.status : r.status;
  }
  switch (c) {
    case '23503':
    case '23505':
      return 409;
    case '25006':
      return 405;
    case '21000':
      return m.endsWith('requires a WHERE clause') ? 400 : 500;
    case '22023':
      return m.startsWith('role') && m.endsWith('does not exist') ? 401 : 400;
    case '53400':
      return 500;
    case '57P01':
      return 503;
    case 'P0001':
      return 400;
    case '42883':
      return m.startsWith('function xmlagg(') ? 406 : 404;
    case '42P01':
      return 404;
    case '42P17':
      return 500;
    case '42501':
      return authenticated ? 403 : 401;
  }
  switch (p2) {
    case '08':
      return 503;
    case '09':
      return 500;
    case '0L':
    case '0P':
      return 403;
    case '25':
      return 500;
    case '28':
      return 403;
    case '2D':
    case '38':
    case '39':
    case '3B':
    case '40':
      return 500;
    case '53':
      return 503;
    case '54':
    case '55':
    case '57':
    case '58':
    case 'F0':
    case 'HV':
    case 'P0':
    case 'XX':
      return 500;
    case 'PT': {
      // PTxyz → status xyz; PostgREST reads the rest as an integer and falls back to 500.
      const rest = c.slice(2);
      const n = /^[0-9]+$/.test(rest) ? Number(rest) : NaN;
      return Number.isInteger(n) && n >= 100 && n <= 999 ? n : 500;
    }
  }
  return 400;
}

/** The full PostgREST error for a PostgreSQL error: status, body and headers (WWW-Authenticate on 401). */
export function pgError(error: PgServerError, authenticated: boolean): PgrstError {
  if (error.code === 'PGRST') {
    const r = parseRaisePgrst(error.message, error.detail);
    if (r instanceof PgrstError) return r;
    return new PgrstError({
      status: r.status,
      code: r.code,
      message: r.message,
      details: r.details,
      hint: r.hint,
      headers: r.headers,
      ...(r.statusText === null ? {} : { statusText: r.statusText }),
    });
  }
  const status = pgErrorStatus(error, authenticated);
  const details: Json = error.detail ?? null;
  const hint: Json = error.hint ?? null;
  return new PgrstError({
    status,
    code: error.code,
    message: error.message,
    details,
    hint,
    // PTxyz: PostgREST uses the message as the reason phrase.
    ...(error.code.startsWith('PT') && status !== 500 ? { statusText: error.message } : {}),
    ...(status === 401 ? { headers: { 'WWW-Authenticate': 'Bearer' } } : {}),
  });
}
