import pg from 'pg';

/**
 * PostgREST's schema-cache listener (AppState/Reload.hs, retryingListen): LISTEN on db-channel on a connection of
 * its own; `NOTIFY <channel>` with an empty payload or `reload schema` reloads. When the connection is lost it
 * reconnects after 1, 2, 4 … 32 seconds and, since notifications may have been missed meanwhile, reloads once
 * it listens again. Other payloads (`reload config` …) are ignored: `gatehouse serve` reads its config once.
 */
export interface SchemaListener {
  /** Whether the LISTEN is in place right now. */
  readonly listening: boolean;
  close(): Promise<void>;
}

export type ListenerEvent =
  | { readonly type: 'listening'; readonly channel: string }
  | { readonly type: 'reload'; readonly channel: string; readonly reason: 'notify' | 'reconnected' }
  | { readonly type: 'lost'; readonly error: string; readonly retryInMs: number };

export interface ListenOptions {
  readonly connection: pg.ClientConfig;
  readonly channel: string;
  readonly onReload: () => void;
  readonly onEvent?: (event: ListenerEvent) => void;
  /** First retry delay (PostgREST: 1 s), doubled up to `maxDelayMs` (32 s). */
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
}

/** The application_name of the listening session (so it can be told apart in pg_stat_activity). */
export const LISTENER_APPLICATION = 'gatehouse-schema-listener';

/** `LISTEN "channel"`: PostgREST always quotes the channel (toPgIdentifier). */
function listenSql(channel: string): string {
  return `LISTEN "${channel.replaceAll('"', '""')}"`;
}

export function listenForSchemaReload(options: ListenOptions): SchemaListener {
  const first = options.firstDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 32_000;
  let delay = first;
  let failed = false;
  let closed = false;
  let listening = false;
  let client: pg.Client | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const retry = (error: unknown): void => {
    listening = false;
    const c = client;
    client = null;
    c?.removeAllListeners('notification');
    c?.end().catch(() => undefined);
    if (closed || timer !== null) return;
    failed = true;
    options.onEvent?.({
      type: 'lost',
      error: error instanceof Error ? error.message : String(error),
      retryInMs: delay,
    });
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
    delay = Math.min(delay * 2, max);
  };

  const connect = async (): Promise<void> => {
    if (closed) return;
    const c = new pg.Client({ ...options.connection, application_name: LISTENER_APPLICATION });
    client = c;
    c.on('error', (e) => {
      if (client === c) retry(e);
    });
    c.on('end', () => {
      if (client === c) retry(new Error('the listener connection ended'));
    });
    c.on('notification', (n) => {
      if (n.channel !== options.channel) return;
      const payload = n.payload ?? '';
      if (payload !== '' && payload !== 'reload schema') return;
      options.onEvent?.({ type: 'reload', channel: options.channel, reason: 'notify' });
      options.onReload();
    });
    try {
      await c.connect();
      await c.query(listenSql(options.channel));
    } catch (e) {
      if (client === c) retry(e);
      return;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    listening = true;
    options.onEvent?.({ type: 'listening', channel: options.channel });
    if (failed) {
      // Notifications sent while the connection was down are lost: reload once.
      failed = false;
      delay = first;
      options.onEvent?.({ type: 'reload', channel: options.channel, reason: 'reconnected' });
      options.onReload();
    }
  };

  void connect();
  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      listening = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
