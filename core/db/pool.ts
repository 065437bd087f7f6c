import pg from 'pg';
import type { ConnectionOptions } from 'node:tls';

/**
 * The one place that decides how Gatehouse talks to PostgreSQL: every pool and client is built here,
 * so application_name, timeouts and keepalive are the same everywhere.
 */
export interface PgTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly password?: string | undefined;
  /** false for no TLS, or node TLS options derived from sslmode. */
  readonly ssl: false | ConnectionOptions;
  /** PGAPPNAME or an explicit application_name; Gatehouse is only the fallback, as libpq does it. */
  readonly applicationName?: string | undefined;
  /** libpq's connect_timeout, in milliseconds; CONNECT_TIMEOUT_MS otherwise. */
  readonly connectTimeoutMs?: number | undefined;
}

/** Catalog reads must never hang the UI: the server cancels them after this. */
export const CATALOG_STATEMENT_TIMEOUT_MS = 30_000;
/** A studio session left idle inside a transaction must not hold locks on someone's database. */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
export const LOCK_TIMEOUT_MS = 10_000;
export const CONNECT_TIMEOUT_MS = 10_000;

export function clientConfig(target: PgTarget): pg.ClientConfig {
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    database: target.database,
    ...(target.password === undefined ? {} : { password: target.password }),
    ssl: target.ssl === false ? false : target.ssl,
    application_name: target.applicationName ?? 'gatehouse',
    fallback_application_name: 'gatehouse',
    statement_timeout: CATALOG_STATEMENT_TIMEOUT_MS,
    lock_timeout: LOCK_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    connectionTimeoutMillis: target.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    // Keepalive notices a dead peer (laptop sleep, NAT timeout) instead of hanging on the next query.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

export function createClient(target: PgTarget): pg.Client {
  return new pg.Client(clientConfig(target));
}

/** A small pool: the studio is one user; a few sessions keep the catalog and a query running side by side. */
export function createPool(target: PgTarget, max = 4): pg.Pool {
  return new pg.Pool({ ...clientConfig(target), max, idleTimeoutMillis: 30_000, allowExitOnIdle: true });
}
