import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { GatehouseError } from '../../shared/errors.js';
import type {
  ConnectionParams,
  ConnectionState,
  ConnectionStatus,
  Whoami,
} from '../../shared/model/connection.js';
import { isConnectionLoss, toConnectionError } from '../db/pg-errors.js';
import { createPool, type PgTarget } from '../db/pool.js';
import { classifyConnectError, connectClient } from './connect.js';
import { systemEnvironment, type ResolveEnvironment } from './environment.js';
import { resolveConnection, type ResolvedConnection } from './resolve.js';
import { readWhoami, whoamiWarnings } from './whoami.js';

export interface OpenResult {
  readonly id: string;
  readonly whoami: Whoami;
  readonly warnings: string[];
}

interface Entry {
  readonly id: string;
  readonly name: string;
  readonly resolved: ResolvedConnection;
  target: PgTarget;
  pool: pg.Pool;
  state: ConnectionState;
  lastError: GatehouseError | null;
  whoami: Whoami;
  warnings: string[];
  failures: number;
  nextAttemptAt: number;
  reconnecting: Promise<void> | null;
}

export interface ManagerOptions {
  readonly environment?: ResolveEnvironment;
  /** Pauses between the attempts of one reconnect (the first is immediate). */
  readonly retryDelaysMs?: readonly number[];
  /** After a failed reconnect, calls fail fast for this long, doubling up to maxBackoffMs. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly poolSize?: number;
}

/** Errors where trying again cannot help until the user changes something. */
const permanent = (e: GatehouseError) =>
  ['GH101', 'GH110', 'GH103', 'GH104', 'GH106', 'GH107', 'GH109'].includes(e.code);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Holds one pg pool per open connection, notices when a connection is lost (pool 'error' events, queries
 * failing with connection errors), and reconnects with backoff on the next use. Capabilities only ever
 * see `withClient(id, fn)`.
 */
export class ConnectionManager {
  readonly #entries = new Map<string, Entry>();
  readonly #environment: ResolveEnvironment;
  readonly #retryDelays: readonly number[];
  readonly #backoff: number;
  readonly #maxBackoff: number;
  readonly #poolSize: number;
  /** The connection the studio shows first (the embedded demo's `developer`, or the last one opened). */
  defaultId: string | null = null;

  constructor(options: ManagerOptions = {}) {
    this.#environment = options.environment ?? systemEnvironment();
    this.#retryDelays = options.retryDelaysMs ?? [0, 250, 1000];
    this.#backoff = options.backoffMs ?? 1000;
    this.#maxBackoff = options.maxBackoffMs ?? 30_000;
    this.#poolSize = options.poolSize ?? 4;
  }

  resolve(params: ConnectionParams): ResolvedConnection {
    return resolveConnection(params, this.#environment);
  }

  /** Connects once with these parameters, reads who we are, disconnects. Nothing is kept. */
  async test(params: ConnectionParams): Promise<{ whoami: Whoami; warnings: string[] }> {
    const resolved = this.resolve(params);
    const { client, target } = await connectClient(resolved, this.#environment);
    try {
      const whoami = await readWhoami(client, {
        host: target.host,
        port: target.port,
        ssl: target.ssl !== false,
      });
      return { whoami, warnings: [...resolved.warnings, ...whoamiWarnings(whoami)] };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Opens (or re-opens) a connection under `id` and makes it the default when there is none yet. */
  async open(params: ConnectionParams, options: { id?: string; name?: string } = {}): Promise<OpenResult> {
    const resolved = this.resolve(params);
    const { client, target } = await connectClient(resolved, this.#environment);
    let whoami: Whoami;
    try {
      whoami = await readWhoami(client, { host: target.host, port: target.port, ssl: target.ssl !== false });
    } finally {
      await client.end().catch(() => undefined);
    }
    const id = options.id ?? `adhoc-${randomUUID()}`;
    await this.close(id);
    const warnings = [...resolved.warnings, ...whoamiWarnings(whoami)];
    const entry: Entry = {
      id,
      name: options.name ?? `${resolved.user}@${resolved.host}:${resolved.port}/${resolved.database}`,
      resolved,
      target,
      pool: this.#newPool(id, target),
      state: 'connected',
      lastError: null,
      whoami,
      warnings,
      failures: 0,
      nextAttemptAt: 0,
      reconnecting: null,
    };
    this.#entries.set(id, entry);
    if (this.defaultId === null) this.defaultId = id;
    return { id, whoami, warnings };
  }

  #newPool(id: string, target: PgTarget): pg.Pool {
    const pool = createPool(target, this.#poolSize);
    // An idle client died (pg_terminate_backend, server restart, network): the pool drops it; we note the loss.
    pool.on('error', (error) => {
      const entry = this.#entries.get(id);
      if (entry && entry.pool === pool) this.#markLost(entry, error);
    });
    return pool;
  }

  #markLost(entry: Entry, error: unknown): void {
    if (entry.state === 'closed') return;
    entry.state = 'lost';
    entry.lastError = toConnectionError(error, entry.target);
  }

  async close(id: string): Promise<boolean> {
    const entry = this.#entries.get(id);
    if (!entry) return false;
    entry.state = 'closed';
    this.#entries.delete(id);
    if (this.defaultId === id) this.defaultId = null;
    await entry.pool.end().catch(() => undefined);
    return true;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#entries.keys()].map((id) => this.close(id)));
  }

  status(): ConnectionStatus[] {
    return [...this.#entries.values()].map((e) => ({
      id: e.id,
      name: e.name,
      state: e.state,
      lastError: e.lastError ? e.lastError.message : null,
      whoami: e.whoami,
      warnings: e.warnings,
    }));
  }

  state(id: string): ConnectionState {
    return this.#entries.get(id)?.state ?? 'closed';
  }

  whoami(id: string): Whoami {
    return this.#require(id).whoami;
  }

  /** Where connection `id` points (act-as opens its own sessions there, as other logins). */
  target(id: string): PgTarget {
    return this.#require(id).target;
  }

  #require(id: string): Entry {
    const entry = this.#entries.get(id);
    if (!entry) {
      throw new GatehouseError('GH108', `No open connection "${id}".`, {
        hint: 'Open the connection again from the connection list.',
      });
    }
    return entry;
  }

  /** Replaces the pool of a lost connection, trying a few times; fails fast while backing off. */
  async #reconnect(entry: Entry): Promise<void> {
    if (entry.reconnecting) return entry.reconnecting;
    if (Date.now() < entry.nextAttemptAt && entry.lastError) throw entry.lastError;
    entry.reconnecting = (async () => {
      entry.state = 'reconnecting';
      const old = entry.pool;
      // Not awaited: end() waits for checked-out clients, which may belong to a query that is failing right now.
      void old.end().catch(() => undefined);
      let failure: GatehouseError | null = null;
      for (const delay of this.#retryDelays) {
        if (delay > 0) await sleep(delay);
        try {
          const { client, target } = await connectClient(entry.resolved, this.#environment);
          await client.end().catch(() => undefined);
          entry.target = target;
          entry.pool = this.#newPool(entry.id, target);
          entry.state = 'connected';
          entry.lastError = null;
          entry.failures = 0;
          entry.nextAttemptAt = 0;
          return;
        } catch (error) {
          failure = error instanceof GatehouseError ? error : await classifyConnectError(error, entry.target);
          if (permanent(failure)) break;
        }
      }
      entry.state = 'lost';
      entry.failures += 1;
      entry.nextAttemptAt =
        Date.now() + Math.min(this.#maxBackoff, this.#backoff * 2 ** (entry.failures - 1));
      entry.lastError = failure;
      throw failure ?? new GatehouseError('GH105', 'The connection could not be re-established.');
    })().finally(() => {
      entry.reconnecting = null;
    });
    return entry.reconnecting;
  }

  /**
   * Runs `fn` with a pooled client of connection `id`. A connection lost before or during `fn` is
   * re-established and `fn` retried once — pass retryOnLoss: false for work that must never run twice
   * (a failed session rolls back its open transaction, so transactional work is safe to retry).
   */
  async withClient<T>(
    id: string,
    fn: (client: pg.PoolClient) => Promise<T>,
    options: { retryOnLoss?: boolean } = {},
  ): Promise<T> {
    const entry = this.#require(id);
    const retry = options.retryOnLoss ?? true;
    for (let attempt = 0; ; attempt++) {
      if (entry.state !== 'connected') await this.#reconnect(entry);
      let client: pg.PoolClient;
      try {
        client = await entry.pool.connect();
      } catch (error) {
        this.#markLost(entry, error);
        if (attempt === 0) continue;
        throw await classifyConnectError(error, entry.target);
      }
      // A checked-out client that dies emits 'error' with no pool listener attached: catch it here.
      let died: unknown = null;
      const onError = (error: unknown) => {
        died = error;
        this.#markLost(entry, error);
      };
      client.on('error', onError);
      const release = (error?: Error) => {
        client.off('error', onError);
        client.release(error ?? (died === null ? undefined : true));
      };
      try {
        const result = await fn(client);
        release();
        return result;
      } catch (error) {
        if (!isConnectionLoss(error)) {
          release();
          throw error;
        }
        // Passing the error destroys this client instead of returning a dead one to the pool.
        release(error instanceof Error ? error : new Error(String(error)));
        this.#markLost(entry, error);
        if (retry && attempt === 0) continue;
        throw toConnectionError(error, entry.target);
      }
    }
  }
}
