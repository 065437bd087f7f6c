import { GatehouseError } from '../../shared/errors.js';

/** Where we were trying to go, so every message names it. */
export interface Target {
  readonly host: string;
  readonly port: number;
  readonly user?: string;
  readonly database?: string;
}

interface ErrorLike {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly severity?: unknown;
}

function asErrorLike(error: unknown): ErrorLike {
  return typeof error === 'object' && error !== null ? (error as ErrorLike) : { message: String(error) };
}

function messageOf(error: unknown): string {
  const e = asErrorLike(error);
  return typeof e.message === 'string' ? e.message : String(error);
}

function codeOf(error: unknown): string | undefined {
  const c = asErrorLike(error).code;
  return typeof c === 'string' ? c : undefined;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ENOENT', // a Unix socket that is not there
]);

/** SQLSTATEs that mean the session is gone (admin_shutdown, crash_shutdown, cannot_connect_now…). */
const LOST_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

const where = (t: Target): string =>
  t.host.startsWith('/') ? `socket ${t.host} (port ${t.port})` : `${t.host}:${t.port}`;

/** TLS-level failures (Node's OpenSSL codes) and node-pg's own SSL messages. */
export function isSslFailure(error: unknown): boolean {
  const code = codeOf(error) ?? '';
  const message = messageOf(error);
  return (
    /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/.test(code) ||
    /does not support SSL|self[- ]signed certificate|certificate|SSL routines|wrong version number/i.test(
      message,
    )
  );
}

/** True when the error says the session died (terminated backend, dropped socket), not that a query was wrong. */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof GatehouseError) return error.code === 'GH105' || error.code === 'GH100';
  const code = codeOf(error);
  if (code !== undefined && (LOST_SQLSTATES.has(code) || code === 'ECONNRESET' || code === 'EPIPE'))
    return true;
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  return /Connection terminated|Client has encountered a connection error|connection is closed|not queryable|ECONNRESET|socket hang up/i.test(
    messageOf(error),
  );
}

/**
 * Turns whatever pg or the socket threw while connecting or querying into our error with a hint.
 * `notPostgres` is the verdict of the protocol probe (see probe.ts) when the caller ran one.
 */
export function toConnectionError(error: unknown, target: Target, notPostgres = false): GatehouseError {
  if (error instanceof GatehouseError) return error;
  const code = codeOf(error);
  const message = messageOf(error);
  const at = where(target);
  if (notPostgres) {
    return new GatehouseError('GH102', `The server at ${at} did not answer like PostgreSQL.`, {
      details: message,
      hint: 'Something else is listening on that port (a web server?). Check the host and port of the database.',
      cause: error,
    });
  }
  if (/client password must be a string|no password supplied/i.test(message)) {
    // pg's words when the server asks for a password and none was given; psql says "fe_sendauth: no password supplied".
    return new GatehouseError(
      'GH110',
      `No password supplied for ${target.user ? `user ${target.user}` : 'the user'}: the server at ${at} asks for one.`,
      {
        details: message,
        hint: 'Give it in the URI (postgresql://user:password@host/db), in PGPASSWORD, or in ~/.pgpass (or a passfile=… parameter).',
        cause: error,
      },
    );
  }
  if (code === '28P01' || code === '28000') {
    const noEncryption = /no encryption/i.test(message);
    return new GatehouseError(
      'GH101',
      `The server at ${at} rejected ${target.user ? `user "${target.user}"` : 'the credentials'}.`,
      {
        details: message,
        hint: noEncryption
          ? 'pg_hba.conf only allows encrypted connections for this user: use sslmode=require (or stricter).'
          : 'Check the password (or ~/.pgpass) and that pg_hba.conf allows this user, database and address.',
        cause: error,
      },
    );
  }
  if (code === '3D000') {
    return new GatehouseError(
      'GH109',
      `The database ${target.database ? `"${target.database}" ` : ''}does not exist on ${at}.`,
      {
        details: message,
        hint: 'Check the database name (it is case-sensitive), or create it first.',
        cause: error,
      },
    );
  }
  if (code !== undefined && NETWORK_CODES.has(code)) {
    return new GatehouseError('GH100', `Could not reach the database server at ${at}.`, {
      details: message,
      hint:
        code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'The host name does not resolve: check its spelling and your network/DNS.'
          : 'Is the server running and listening on that address and port? Is a firewall in the way?',
      cause: error,
    });
  }
  if (isSslFailure(error)) {
    return new GatehouseError('GH106', `The TLS requirements for ${at} could not be met.`, {
      details: message,
      hint: /does not support SSL/i.test(message)
        ? 'The server does not offer TLS: enable ssl on the server, or use sslmode=prefer/disable if that is acceptable.'
        : 'Check sslmode and the certificates (sslrootcert for verify-ca/verify-full, the host name for verify-full).',
      cause: error,
    });
  }
  if (/timeout/i.test(message)) {
    return new GatehouseError('GH100', `Could not reach the database server at ${at} in time.`, {
      details: message,
      hint: 'Is the server running and listening on that address and port? Is a firewall silently dropping packets?',
      cause: error,
    });
  }
  if (isConnectionLoss(error)) {
    return new GatehouseError('GH105', `The connection to ${at} was lost.`, {
      details: message,
      hint: 'The server closed the session (restart, pg_terminate_backend, network). The studio reconnects on the next action.',
      cause: error,
    });
  }
  if (code === '53300') {
    return new GatehouseError('GH100', `The server at ${at} has no free connection slots.`, {
      details: message,
      hint: 'Close idle sessions or raise max_connections.',
      cause: error,
    });
  }
  return new GatehouseError('GH100', `Could not connect to ${at}: ${message}`, {
    details: code ? `SQLSTATE/code ${code}` : null,
    hint: 'Check the connection parameters and that the server is running.',
    cause: error,
  });
}
