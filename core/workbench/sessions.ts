import pg from 'pg';
import { GatehouseError } from '../../shared/errors.js';
import { clientConfig, type PgTarget } from '../db/pool.js';
import { isConnectionLoss } from '../db/pg-errors.js';

/** The application_name of workbench sessions (cancel checks it, pg_stat_activity shows it). */
export const WORKBENCH_APPLICATION = 'gatehouse-workbench';
/** An editor tab untouched for this long loses its session; an open transaction in it is rolled back. */
export const SESSION_IDLE_MS = 15 * 60_000;

/** A notice PostgreSQL sent while a statement ran. */
export interface Notice {
  readonly severity: string;
  readonly message: string;
}

/** One editor tab's pinned database session and the transaction it holds open. */
export interface Session {
  readonly key: string;
  readonly connectionId: string;
  readonly sessionId: string;
  readonly client: pg.Client;
  readonly pid: number;
  /** A transaction is open and waits for Commit or Rollback. */
  open: boolean;
  changes: string[];
  schemaChanged: boolean;
  busy: boolean;
  /** The socket died (terminated backend, network): PostgreSQL rolled back whatever was open. */
  lost: boolean;
  lastUsed: number;
  /** Where notices go while a statement runs. */
  notices: Notice[];
  /** False once the studio connection it belongs to was closed: the sweep then closes the session too. */
  readonly connectionOpen: () => boolean;
}

/** Why a session is gone, kept for the next call of that tab so it can say what happened. */
type Gone = { reason: 'lost' | 'idle'; hadOpen: boolean; changes: string[] };

/** Every value comes back as PostgreSQL's text: the grid shows what psql would show, bigints and all. */
const asText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

export interface SessionOptions {
  readonly idleMs?: number;
}

/**
 * One pinned pg client per editor tab (connection id + session id), opened on first use with the connection's
 * target and credentials, closed after `idleMs` without use. The registry remembers sessions that died, so
 * the tab's next call says that its open transaction was rolled back instead of silently starting a new one.
 */
export class WorkbenchSessions {
  readonly #sessions = new Map<string, Session>();
  readonly #gone = new Map<string, Gone>();
  readonly #opening = new Map<string, Promise<Session>>();
  readonly #idleMs: number;
  #sweeper: ReturnType<typeof setInterval> | null = null;

  constructor(options: SessionOptions = {}) {
    this.#idleMs = options.idleMs ?? SESSION_IDLE_MS;
  }

  static key(connectionId: string, sessionId: string): string {
    return `${connectionId}\u0000${sessionId}`;
  }

  get(connectionId: string, sessionId: string): Session | null {
    return this.#sessions.get(WorkbenchSessions.key(connectionId, sessionId)) ?? null;
  }

  /** Reports (once) that this tab's previous session died or timed out, with what it had open. */
  takeGone(connectionId: string, sessionId: string): Gone | null {
    const key = WorkbenchSessions.key(connectionId, sessionId);
    const gone = this.#gone.get(key) ?? null;
    this.#gone.delete(key);
    return gone;
  }

  /** The tab's session, opened when it has none. */
  async acquire(
    connectionId: string,
    sessionId: string,
    target: PgTarget,
    connectionOpen: () => boolean = () => true,
  ): Promise<Session> {
    const key = WorkbenchSessions.key(connectionId, sessionId);
    const existing = this.#sessions.get(key);
    if (existing && !existing.lost) return existing;
    const pending = this.#opening.get(key);
    if (pending) return pending;
    const opening = this.#open(connectionId, sessionId, target, connectionOpen).finally(() =>
      this.#opening.delete(key),
    );
    this.#opening.set(key, opening);
    return opening;
  }

  async #open(
    connectionId: string,
    sessionId: string,
    target: PgTarget,
    connectionOpen: () => boolean,
  ): Promise<Session> {
    const key = WorkbenchSessions.key(connectionId, sessionId);
    const client = new pg.Client({
      ...clientConfig(target),
      application_name: WORKBENCH_APPLICATION,
      // The developer's own statements: no catalog timeout (Cancel stops them); a transaction waiting for the
      // user's Commit may sit idle until the host closes the session, the server backstop a little later.
      statement_timeout: 0,
      idle_in_transaction_session_timeout: this.#idleMs + 60_000,
      types: asText,
    });
    const session: Session = {
      key,
      connectionId,
      sessionId,
      client,
      pid: 0,
      open: false,
      changes: [],
      schemaChanged: false,
      busy: false,
      lost: false,
      lastUsed: Date.now(),
      notices: [],
      connectionOpen,
    };
    // Without an 'error' listener a terminated backend would crash the host.
    client.on('error', () => this.#markLost(session));
    client.on('end', () => this.#markLost(session));
    client.on('notice', (n) => {
      session.notices.push({ severity: n.severity ?? 'NOTICE', message: n.message ?? String(n) });
    });
    try {
      await client.connect();
      const r = await client.query<{ pid: string }>('SELECT pg_backend_pid() AS pid');
      Object.assign(session, { pid: Number(r.rows[0]!.pid) });
    } catch (e) {
      await client.end().catch(() => undefined);
      throw new GatehouseError(
        'GH105',
        `Could not open a workbench session: ${e instanceof Error ? e.message : String(e)}`,
        { hint: 'Check that the connection is still open (reconnect from the connection list).' },
      );
    }
    this.#sessions.set(key, session);
    this.#startSweeper();
    return session;
  }

  #markLost(session: Session): void {
    if (session.lost) return;
    session.lost = true;
    if (this.#sessions.get(session.key) === session) {
      this.#sessions.delete(session.key);
      this.#gone.set(session.key, { reason: 'lost', hadOpen: session.open, changes: session.changes });
    }
  }

  /** True when the error means this session's socket is gone; the session is then marked lost. */
  lostBy(session: Session, error: unknown): boolean {
    if (session.lost || isConnectionLoss(error)) {
      this.#markLost(session);
      return true;
    }
    return false;
  }

  /** Closes a tab's session; an open transaction is rolled back by PostgreSQL when the session ends. */
  async close(connectionId: string, sessionId: string): Promise<{ closed: boolean; rolledBack: boolean }> {
    const key = WorkbenchSessions.key(connectionId, sessionId);
    this.#gone.delete(key);
    const session = this.#sessions.get(key);
    if (!session) return { closed: false, rolledBack: false };
    this.#sessions.delete(key);
    session.lost = true;
    await session.client.end().catch(() => undefined);
    return { closed: true, rolledBack: session.open };
  }

  /** Closes every session of a connection (it was closed) or all of them (the host stops). */
  async closeAll(connectionId?: string): Promise<void> {
    const keys = [...this.#sessions.keys()].filter(
      (k) => connectionId === undefined || k.startsWith(`${connectionId}\u0000`),
    );
    await Promise.all(
      keys.map((k) => {
        const [c, s] = k.split('\u0000') as [string, string];
        return this.close(c, s);
      }),
    );
  }

  /**
   * Sessions idle for longer than the limit, or whose studio connection was closed, are closed; the tab hears
   * about it on its next call.
   */
  async sweep(now = Date.now()): Promise<void> {
    for (const session of [...this.#sessions.values()]) {
      if (session.busy || (now - session.lastUsed < this.#idleMs && session.connectionOpen())) continue;
      this.#sessions.delete(session.key);
      this.#gone.set(session.key, { reason: 'idle', hadOpen: session.open, changes: session.changes });
      session.lost = true;
      await session.client.end().catch(() => undefined);
    }
    if (this.#sessions.size === 0 && this.#sweeper) {
      clearInterval(this.#sweeper);
      this.#sweeper = null;
    }
  }

  #startSweeper(): void {
    if (this.#sweeper) return;
    this.#sweeper = setInterval(() => void this.sweep(), Math.min(60_000, this.#idleMs));
    this.#sweeper.unref();
  }
}

/** The host's sessions (one registry per process, like act-as's pools). */
export const workbenchSessions = new WorkbenchSessions();
