import { dirname } from 'node:path';
import type { HandlerGroup } from '../app/handler.js';
import type { StudioContext } from '../app/context.js';
import { sqlFile } from '../db/sql-files.js';
import { GatehouseError } from '../../shared/errors.js';
import type { DataQuery, WorkbenchTransaction } from '../../shared/contract/workbench.js';
import {
  applyChanges,
  countRows,
  exportRows,
  previewChanges,
  readPage,
  readShape,
  type DataQueryInput,
} from './data.js';
import { WorkbenchHistoryStore } from './history-store.js';
import { endTransaction, runScript, transaction } from './run.js';
import { WORKBENCH_APPLICATION, workbenchSessions, type Session } from './sessions.js';
import { SnippetStore } from './snippets.js';
import { loadParser } from './split.js';

/** Both stores live beside the saved connections, in the host's data dir. */
function stores(context: StudioContext) {
  const dir = dirname(context.savedConnections.file);
  if (cached?.dir !== dir)
    cached = { dir, history: new WorkbenchHistoryStore(dir), snippets: new SnippetStore(dir) };
  return cached;
}
let cached: { dir: string; history: WorkbenchHistoryStore; snippets: SnippetStore } | null = null;

/** History belongs to a database, not to one opening of it. */
function targetKey(context: StudioContext, connectionId: string): string {
  const t = context.connections.target(connectionId);
  return `${t.host}:${t.port}/${t.database}`;
}

/** What a tab hears when its session died or timed out since its last call. */
function goneTransaction(connectionId: string, sessionId: string): WorkbenchTransaction | null {
  const gone = workbenchSessions.takeGone(connectionId, sessionId);
  if (!gone || !gone.hadOpen) return null;
  const t = transaction('lost', gone.changes, false);
  return gone.reason === 'idle'
    ? {
        ...t,
        message: `The tab was idle too long: its session was closed and PostgreSQL rolled the open transaction back (${gone.changes.join(', ')} not saved).`,
      }
    : t;
}

function busy(): GatehouseError {
  return new GatehouseError('GH701', 'This tab is still running a statement.', {
    hint: 'Wait for it or press Cancel, then run again (or open another tab).',
  });
}

async function withSession<T>(
  context: StudioContext,
  connectionId: string,
  sessionId: string,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const session = await workbenchSessions.acquire(
    connectionId,
    sessionId,
    context.connections.target(connectionId),
  );
  if (session.busy) throw busy();
  session.busy = true;
  try {
    return await work(session);
  } finally {
    session.busy = false;
    session.lastUsed = Date.now();
  }
}

const lostError = (t: WorkbenchTransaction) =>
  new GatehouseError('GH700', t.message, {
    hint: 'Nothing of that transaction was saved. Run the script again when the database is back.',
  });

/** The data view's query with the contract's defaults filled in. */
const query = (input: DataQuery): DataQueryInput => ({
  relation: input.relation,
  filters: input.filters ?? [],
  sort: input.sort ?? [],
});

export const workbenchHandlers: HandlerGroup<'workbench'> = {
  'workbench.run': async (input, context) => {
    await loadParser();
    const started = performance.now();
    const gone = goneTransaction(input.connectionId, input.sessionId);
    const out = await withSession(context, input.connectionId, input.sessionId, (session) =>
      runScript(session, workbenchSessions, {
        text: input.text,
        mode: input.mode,
        cursor: input.cursor ?? 0,
        selection: input.selection,
        explain: input.explain ?? null,
      }),
    );
    if (out.schemaCommitted) context.onSchemaChanged(input.connectionId);
    const ms = performance.now() - started;
    // A transaction lost before this run started is reported first: its changes were never saved.
    const transactionOut = gone
      ? { ...out.transaction, message: `${gone.message} ${out.transaction.message}` }
      : out.transaction;
    const failed = out.statements.find((s) => s.error);
    const last = out.statements.at(-1);
    if (input.historyId && out.statements.length > 0)
      await stores(context)
        .history.add(targetKey(context, input.connectionId), {
          id: input.historyId,
          at: new Date().toISOString(),
          sql: out.statements.map((s) => s.sql).join(';\n'),
          ms,
          ok: failed === undefined,
          summary:
            (failed?.error?.message ?? `${last?.command ?? ''} ${last?.rowCount ?? ''}`.trim()) +
            (out.transaction.state === 'open' ? ' (transaction open)' : ''),
        })
        .catch(() => undefined); // the run matters more than its history line
    return { statements: out.statements, transaction: transactionOut, ms };
  },
  'workbench.commit': async ({ connectionId, sessionId }, context) => {
    const gone = goneTransaction(connectionId, sessionId);
    if (gone) throw lostError(gone);
    const existing = workbenchSessions.get(connectionId, sessionId);
    if (!existing?.open) return { transaction: transaction('committed', [], false) };
    const t = await withSession(context, connectionId, sessionId, (s) =>
      endTransaction(s, workbenchSessions, 'COMMIT'),
    );
    if (t.state === 'lost') throw lostError(t);
    if (t.schemaChanged) context.onSchemaChanged(connectionId);
    return { transaction: t };
  },
  'workbench.rollback': async ({ connectionId, sessionId }, context) => {
    const gone = goneTransaction(connectionId, sessionId);
    if (gone) return { transaction: gone };
    const existing = workbenchSessions.get(connectionId, sessionId);
    if (!existing?.open) return { transaction: transaction('rolled_back', [], false) };
    return {
      transaction: await withSession(context, connectionId, sessionId, (s) =>
        endTransaction(s, workbenchSessions, 'ROLLBACK'),
      ),
    };
  },
  'workbench.status': async ({ connectionId, sessionId }) => {
    const gone = goneTransaction(connectionId, sessionId);
    if (gone) return { running: false, transaction: gone };
    const s = workbenchSessions.get(connectionId, sessionId);
    if (!s) return { running: false, transaction: null };
    return {
      running: s.busy,
      transaction: s.open ? transaction('open', s.changes, s.schemaChanged) : null,
    };
  },
  'workbench.cancel': async ({ connectionId, sessionId }, context) => {
    const s = workbenchSessions.get(connectionId, sessionId);
    if (!s || !s.busy) return { cancelled: false };
    // From another session of the pool: this tab's session is busy running the statement. Never retried.
    const rows = await context.connections.withClient(
      connectionId,
      async (client) =>
        (
          await client.query<{ cancelled: boolean }>(sqlFile('workbench/cancel.sql'), [
            s.pid,
            WORKBENCH_APPLICATION,
          ])
        ).rows,
      { retryOnLoss: false },
    );
    return { cancelled: rows.some((r) => r.cancelled) };
  },
  'workbench.close': async ({ connectionId, sessionId }) => {
    workbenchSessions.takeGone(connectionId, sessionId);
    return workbenchSessions.close(connectionId, sessionId);
  },
  'workbench.history.list': async ({ connectionId }, context) => ({
    entries: await stores(context).history.list(targetKey(context, connectionId)),
  }),
  'workbench.history.clear': async ({ connectionId }, context) => ({
    entries: await stores(context).history.clear(targetKey(context, connectionId)),
  }),
  'workbench.snippets.list': async (_input, context) => stores(context).snippets.list(),
  'workbench.snippets.save': async ({ snippet }, context) => stores(context).snippets.save(snippet),
  'workbench.snippets.delete': async ({ name }, context) => stores(context).snippets.remove(name),
  'workbench.snippets.setFolder': async ({ folder }, context) => {
    await stores(context).snippets.setFolder(folder);
    return stores(context).snippets.list();
  },
  'workbench.data.shape': async ({ connectionId, relation }, context) =>
    context.connections.withClient(connectionId, (c) => readShape(c, relation)),
  'workbench.data.page': async (input, context) =>
    context.connections.withClient(input.connectionId, (c) =>
      readPage(c, {
        ...query(input),
        offset: input.offset ?? 0,
        limit: input.limit ?? 200,
        after: input.after,
      }),
    ),
  'workbench.data.count': async (input, context) =>
    context.connections.withClient(input.connectionId, (c) =>
      countRows(c, { ...query(input), limit: input.limit ?? 1_000_000 }),
    ),
  'workbench.data.export': async (input, context) =>
    context.connections.withClient(input.connectionId, (c) =>
      exportRows(c, { ...query(input), format: input.format }),
    ),
  'workbench.data.preview': async ({ connectionId, relation, changes }, context) =>
    context.connections.withClient(connectionId, (c) => previewChanges(c, relation, changes)),
  'workbench.data.apply': async ({ connectionId, relation, changes }, context) =>
    // Never retried: the transaction either committed or PostgreSQL rolled it back; a retry could apply twice.
    context.connections.withClient(connectionId, (c) => applyChanges(c, relation, changes), {
      retryOnLoss: false,
    }),
};
