import type pg from 'pg';
import { GatehouseError } from '../../shared/errors.js';
import { toConnectionError, isSslFailure } from '../db/pg-errors.js';
import { createClient, type PgTarget } from '../db/pool.js';
import { probePostgres } from '../db/probe.js';
import type { ResolveEnvironment } from './environment.js';
import type { ResolvedConnection } from './resolve.js';
import { sslAttempts, type SslAttempt } from './ssl.js';

export function targetFor(resolved: ResolvedConnection, ssl: SslAttempt): PgTarget {
  return {
    host: resolved.host,
    port: resolved.port,
    user: resolved.user,
    database: resolved.database,
    password: resolved.password,
    ssl,
    applicationName: resolved.applicationName,
    connectTimeoutMs:
      resolved.connectTimeoutSeconds === undefined ? undefined : resolved.connectTimeoutSeconds * 1000,
  };
}

/** Errors that carry a SQLSTATE or a socket code speak for themselves; anything else may be a non-PostgreSQL peer. */
function needsProbe(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && (/^[0-9A-Z]{5}$/.test(code) || code.startsWith('E'))) return false;
  return !isSslFailure(error) || /wrong version number|packet length|unexpected message/i.test(String(error));
}

/** Whether sslmode allow/prefer should try its second way after this failure. */
function shouldFallBack(error: unknown, first: SslAttempt): boolean {
  const message = error instanceof Error ? error.message : String(error);
  if (first !== false) return /does not support SSL/i.test(message);
  const code = (error as { code?: unknown }).code;
  return code === '28000' && /no encryption/i.test(message);
}

/** Connects one client, applying sslmode's fallbacks and turning failures into our errors. */
export async function connectClient(
  resolved: ResolvedConnection,
  environment: ResolveEnvironment,
): Promise<{ client: pg.Client; target: PgTarget }> {
  const attempts = sslAttempts(resolved, environment);
  let lastError: unknown;
  let lastTarget = targetFor(resolved, attempts[0] ?? false);
  for (let i = 0; i < attempts.length; i++) {
    const target = targetFor(resolved, attempts[i] ?? false);
    lastTarget = target;
    const client = createClient(target);
    // An 'error' event during a failed connect must not become an uncaught exception.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return { client, target };
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      if (i + 1 < attempts.length && shouldFallBack(error, attempts[i] ?? false)) continue;
      break;
    }
  }
  throw await classifyConnectError(lastError, lastTarget);
}

export async function classifyConnectError(error: unknown, target: PgTarget): Promise<GatehouseError> {
  if (error instanceof GatehouseError) return error;
  const where = { host: target.host, port: target.port, user: target.user, database: target.database };
  if (needsProbe(error)) {
    const verdict = await probePostgres(target.host, target.port);
    if (verdict === 'not-postgres') return toConnectionError(error, where, true);
  }
  return toConnectionError(error, where);
}
