import type { HandlerGroup } from '../../app/handler.js';
import type { StudioContext } from '../../app/context.js';
import { dirname } from 'node:path';
import { sqlFile } from '../../db/sql-files.js';
import { GatehouseError } from '../../../shared/errors.js';
import { discoverClaims } from './claims-discovery.js';
import { HistoryStore } from './history-store.js';
import { PersonaStore } from './persona-store.js';
import { defaultStages } from '../default-stages.js';
import { configFor, connectionFor, errorOf } from '../handlers.js';
import { toContractContext } from '../contract-context.js';
import { actAsRuntime, runSqlAsPersona } from '../simulator.js';
import { schemaCacheConfig, schemaCacheOf } from '../schema-cache-store.js';
import { embeddablesFromSchemaCache } from './embeddables.js';
import { actAsRuns } from './runs.js';

/** The application_name act-as sessions carry (core/act-as/handlers.ts sets it on their pools). */
export const ACT_AS_APPLICATION = 'gatehouse-act-as';

let store: { dir: string; store: PersonaStore } | null = null;
/** Personas live beside the saved connections, in the host's data dir. */
export function personaStore(context: StudioContext): PersonaStore {
  const dir = dirname(context.savedConnections.file);
  if (store === null || store.dir !== dir) store = { dir, store: new PersonaStore(dir) };
  return store.store;
}

let historyStoreCache: { dir: string; store: HistoryStore } | null = null;
/** The run history lives beside the personas. */
function historyStore(context: StudioContext): HistoryStore {
  const dir = dirname(context.savedConnections.file);
  if (historyStoreCache === null || historyStoreCache.dir !== dir)
    historyStoreCache = { dir, store: new HistoryStore(dir) };
  return historyStoreCache.store;
}

/** Personas belong to a database, not to one opening of it. */
export function targetKey(context: StudioContext, connectionId: string): string {
  const t = context.connections.target(connectionId);
  return `${t.host}:${t.port}/${t.database}`;
}

export const actAsConsoleHandlers: HandlerGroup<'actAsConsole'> = {
  'actAsConsole.personas.list': async ({ connectionId }, context) => ({
    personas: await personaStore(context).list(targetKey(context, connectionId)),
  }),
  'actAsConsole.personas.save': async ({ connectionId, personas }, context) => ({
    personas: await personaStore(context).save(targetKey(context, connectionId), personas),
  }),
  'actAsConsole.history.list': async ({ connectionId }, context) => ({
    entries: await historyStore(context).list(targetKey(context, connectionId)),
  }),
  'actAsConsole.history.add': async ({ connectionId, entry }, context) => ({
    entries: await historyStore(context).add(targetKey(context, connectionId), entry),
  }),
  'actAsConsole.history.clear': async ({ connectionId }, context) => ({
    entries: await historyStore(context).clear(targetKey(context, connectionId)),
  }),
  'actAsConsole.claims': async ({ connectionId }, context) => {
    const catalog = await context.models.get(connectionId);
    return { claims: discoverClaims(catalog).map((c) => ({ name: c.name, usedBy: [...c.usedBy] })) };
  },
  'actAsConsole.embeddables': async ({ connectionId }, context) => {
    const config = await configFor(context, connectionId);
    // The same cache the simulator plans with (derived from the connection's model), so completion offers
    // exactly what a request would accept.
    const model = await context.models.get(connectionId).catch((e: unknown) => {
      throw new GatehouseError(
        'GH512',
        `Could not read the schema cache: ${e instanceof Error ? e.message : String(e)}`,
        {
          hint: 'Check that the database is reachable, then reload.',
        },
      );
    });
    const cache = schemaCacheOf(model, schemaCacheConfig(config));
    return { schemas: [...cache.schemas], embeddables: embeddablesFromSchemaCache(cache) };
  },
  'actAsConsole.explain': async (input, context) => {
    const { statement, context: req, analyze } = input;
    // The recorded statement with its own parameters, bound (not inlined): the plan the request got.
    const sql = `EXPLAIN (FORMAT JSON, ${analyze ? 'ANALYZE, BUFFERS, ' : ''}VERBOSE, COSTS) ${statement.sql}`;
    const config = await configFor(context, input.connectionId);
    const r = await actAsRuns.track(input.connectionId, input.runId, (onBackend) =>
      runSqlAsPersona({
        sql,
        params: statement.params,
        request: {
          method: req.method,
          path: req.path,
          headers: req.headers,
          cookies: req.cookies,
          searchPath: req.searchPath,
          functionSettings: req.functionSettings,
          timezone: req.timezone,
          isolationLevel: req.isolationLevel,
          readOnly: req.readOnly,
        },
        persona: input.persona,
        config,
        connection: connectionFor(context, input.connectionId),
        commit: false,
        stages: defaultStages,
        pools: actAsRuntime.pools,
        ...(onBackend ? { onBackend } : {}),
      }),
    );
    const c = r.context;
    return {
      plan: r.result.ok ? planJson(r.result.value[0]?.rows[0]?.[0]) : null,
      error: r.result.ok ? null : errorOf(r.result.error),
      sql: r.sql.map((s) => ({ sql: s.sql, params: [...s.params], ms: s.ms })),
      context: toContractContext(c),
      ms: r.ms,
    };
  },
  'actAsConsole.cancel': async ({ connectionId, runId }, context) => {
    const run = actAsRuns.cancel(connectionId, runId);
    // Not at the database yet: it stops with 57014 as soon as it gets there.
    if (run === 'pending') return { cancelled: 1, refused: 0 };
    // Finished (or not started yet): nothing of this run to stop, and nobody else's query is touched.
    if (run === 'none') return { cancelled: 0, refused: 0 };
    const { pid } = run;
    // Never retried: a cancel that lands twice could hit the next query.
    const rows = await context.connections.withClient(
      connectionId,
      async (client) =>
        (
          await client.query<{ pid: number; cancelled: boolean }>(sqlFile('act-as/console/cancel.sql'), [
            pid,
            ACT_AS_APPLICATION,
          ])
        ).rows,
      { retryOnLoss: false },
    );
    return {
      cancelled: rows.filter((r) => r.cancelled).length,
      refused: rows.filter((r) => !r.cancelled).length,
    };
  },
};

/** EXPLAIN (FORMAT JSON)'s one cell, parsed; null when the server sent none (the statement was refused). */
function planJson(cell: string | null | undefined): unknown {
  if (cell === null || cell === undefined) return null;
  try {
    return JSON.parse(cell) as unknown;
  } catch {
    return null;
  }
}
