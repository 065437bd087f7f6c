import { dirname } from 'node:path';
import type { ChangeSet, ChangeSetHistoryEntry } from '../../shared/contract/changeset.js';
import { GatehouseError } from '../../shared/errors.js';
import type { StudioContext } from '../app/context.js';
import type { HandlerGroup } from '../app/handler.js';
import { DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS, runChangeSet } from './apply.js';
import { ChangeSetHistoryStore, historyTarget } from './history-store.js';
import { migrationFile, previewScript } from './script.js';
import { historyEntryOf, placedStatements, readSession } from './session.js';

let historyCache: { dir: string; store: ChangeSetHistoryStore } | null = null;
/** The history lives beside the saved connections, in the host's data dir. */
function historyStore(context: StudioContext): ChangeSetHistoryStore {
  const dir = dirname(context.savedConnections.file);
  if (historyCache === null || historyCache.dir !== dir)
    historyCache = { dir, store: new ChangeSetHistoryStore(dir) };
  return historyCache.store;
}

function targetOf(context: StudioContext, connectionId: string): string {
  return historyTarget(context.connections.target(connectionId));
}

/** Placement depends on the server (ADD VALUE before 12); a closed connection shows today's rules. */
function versionOf(context: StudioContext, connectionId: string): number {
  try {
    return context.connections.whoami(connectionId).serverVersionNum;
  } catch {
    return 180000;
  }
}

function changeSet(context: StudioContext, connectionId: string): ChangeSet {
  return {
    connectionId,
    statements: placedStatements(context.changeSets.list(connectionId), versionOf(context, connectionId)).map(
      ({ id, sql, origin, addedAt, phase, reason }) => ({ id, sql, origin, addedAt, phase, reason }),
    ),
  };
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

export const changesetHandlers: HandlerGroup<'changeset'> = {
  'changeset.list': async ({ connectionId }, context) => changeSet(context, connectionId),
  'changeset.preview': async ({ connectionId }, context) => {
    const set = changeSet(context, connectionId);
    return { ...set, ...previewScript(set.statements) };
  },
  'changeset.add': async ({ connectionId, statements }, context) => {
    context.connections.target(connectionId); // GH108 for a connection that is not open
    await context.changeSets.add(connectionId, statements);
    return changeSet(context, connectionId);
  },
  'changeset.remove': async ({ connectionId, id }, context) => {
    context.changeSets.remove(connectionId, id);
    return changeSet(context, connectionId);
  },
  'changeset.discard': async ({ connectionId }, context) => {
    context.changeSets.discard(connectionId);
    return changeSet(context, connectionId);
  },
  'changeset.apply': (input, context) =>
    context.changeSets.exclusive(input.connectionId, async () => {
      const { connectionId } = input;
      const entries = context.changeSets.list(connectionId);
      if (entries.length === 0)
        throw new GatehouseError('GH603', 'There is nothing to apply: the change set is empty.', {
          hint: 'Queue changes from a panel first.',
        });
      if (input.expectIds) {
        const now = entries.map((e) => e.id).join(',');
        if (now !== input.expectIds.join(','))
          throw new GatehouseError(
            'GH604',
            'The change set changed since you reviewed it; nothing was applied.',
            {
              hint: 'Review the statements again, then apply.',
            },
          );
      }
      const options = {
        lockTimeoutMs: input.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
        statementTimeoutMs: input.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
        confirmNonTransactional: input.confirmNonTransactional ?? false,
      };
      // Reading who we are is safe to retry and re-establishes a lost pool; the apply itself never is.
      const session = await context.connections.withClient(connectionId, readSession);
      const statements = placedStatements(entries, session.versionNum);
      const run = await context.connections.withClient(
        connectionId,
        (client) => runChangeSet(client, statements, options),
        { retryOnLoss: false },
      );
      const target = context.connections.target(connectionId);
      const entry = historyEntryOf(run, {
        session,
        host: target.host,
        port: target.port,
        source: 'studio',
        options,
      });
      let summary = run.summary;
      if (entry) {
        await historyStore(context)
          .add(historyTarget({ ...target, database: session.database }), entry)
          .catch((e: unknown) => {
            summary += ` (Not kept in the history: ${e instanceof Error ? e.message : String(e)})`;
          });
      }
      if (run.outcome === 'applied' || run.outcome === 'partial') {
        context.changeSets.removeApplied(
          connectionId,
          run.statements.filter((s) => s.status === 'applied').map((s) => s.id),
        );
      }
      // The database may have changed: whatever holds a model of it reloads.
      if (run.outcome === 'applied' || run.outcome === 'partial' || run.outcome === 'unknown')
        await Promise.resolve(context.onApplied(connectionId)).catch(() => undefined);
      return { ...run, summary, historyId: entry?.id ?? null };
    }),
  'changeset.history.list': async ({ connectionId }, context) => ({
    entries: await historyStore(context).list(targetOf(context, connectionId)),
  }),
  'changeset.history.export': async ({ connectionId, ids }, context) => {
    const all = await historyStore(context).list(targetOf(context, connectionId));
    const picked: ChangeSetHistoryEntry[] = [];
    for (const id of ids) {
      const e = all.find((x) => x.id === id);
      if (!e)
        throw new GatehouseError('GH607', `No change set "${id}" in this database's history.`, {
          hint: 'Reload the history; entries beyond the last 200 are dropped.',
        });
      picked.push(e);
    }
    const now = new Date();
    const database = picked[0]!.database.replace(/[^A-Za-z0-9_.-]+/g, '_');
    return {
      filename: `${stamp(now)}_${database}_gatehouse.sql`,
      sql: migrationFile(picked, { version: context.version, now }),
    };
  },
};
