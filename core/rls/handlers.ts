import pg from 'pg';
import { GatehouseError } from '../../shared/errors.js';
import type { StudioContext } from '../app/context.js';
import type { HandlerGroup } from '../app/handler.js';
import { configFor, connectionFor } from '../act-as/handlers.js';
import { replayInTransaction } from '../changeset/apply.js';
import { placedStatements } from '../changeset/session.js';
import { readCatalog } from '../catalog/read-catalog.js';
import { computeMatrix } from './matrix.js';
import { statementFor } from './change-ddl.js';
import { rlsOverview } from './overview.js';
import { validateExpression } from './validate.js';
import { whyRow } from './why-row.js';

/** A fresh developer session (no studio timeouts, as act-as sessions): one per persona, closed after. */
async function developerClient(context: StudioContext, connectionId: string): Promise<pg.Client> {
  const dev = connectionFor(context, connectionId).developer;
  if (!dev) throw new GatehouseError('GH108', `No open connection "${connectionId}".`);
  const client = new pg.Client({ ...dev.config, application_name: 'gatehouse-rls' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** The pending change set replayed as the developer inside the probe's transaction: the preview. */
function previewOf(context: StudioContext, connectionId: string) {
  const version = context.connections.whoami(connectionId).serverVersionNum;
  const statements = placedStatements(context.changeSets.list(connectionId), version);
  const run = async (client: pg.ClientBase) => {
    const r = await replayInTransaction(client, statements);
    if (r.failure)
      throw new GatehouseError(
        'GH803',
        `The pending change set fails at statement ${r.failure.index + 1}: ${r.failure.error.message}`,
        { hint: 'Fix or remove that statement in the change set drawer.' },
      );
  };
  return { run, count: statements.filter((s) => s.phase === 'transaction').length };
}

/** db-uri's user: the authenticator PostgREST logs in as (inferred from the model when db-uri has none). */
function authenticatorOf(dbUri: string): string | null {
  try {
    const u = new URL(dbUri);
    return u.username === '' ? null : decodeURIComponent(u.username);
  } catch {
    return null;
  }
}

export const rlsHandlers: HandlerGroup<'rls'> = {
  'rls.queue': async ({ connectionId, change }, context) => {
    context.connections.target(connectionId); // GH108 for a connection that is not open
    const s = statementFor(change);
    const action = change.kind === 'rls' ? `${change.change.replace('_', ' ')} RLS` : `${change.kind} policy`;
    await context.changeSets.add(connectionId, [
      { sql: s.sql, origin: { panel: 'rls', object: `${change.schema}.${change.table}`, action } },
    ]);
    return { sql: s.sql, pending: context.changeSets.list(connectionId).length };
  },
  'rls.validate': async ({ connectionId, schema, table, expression }, context) => ({
    problems: await context.connections.withClient(connectionId, (client) =>
      validateExpression(client, { schema, name: table }, expression),
    ),
  }),
  'rls.overview': async ({ connectionId }, context) => {
    const config = await configFor(context, connectionId);
    const model = await context.connections.withClient(connectionId, (client) => readCatalog(client));
    const authenticator = authenticatorOf(config.dbUri);
    return rlsOverview(model, {
      schemas: config.dbSchemas,
      anonRole: config.dbAnonRole,
      ...(authenticator !== null && model.roles.some((r) => r.name === authenticator)
        ? { authenticator }
        : {}),
    });
  },
  'rls.matrix': async ({ connectionId, personas, preview }, context) => {
    const config = await configFor(context, connectionId);
    const p = preview ? previewOf(context, connectionId) : null;
    const cells = await computeMatrix({
      connect: () => developerClient(context, connectionId),
      config,
      personas,
      ...(p ? { preview: p.run } : {}),
    });
    return { cells, previewed: p?.count ?? 0 };
  },
  'rls.whyRow': async ({ connectionId, persona, relation, key, command, preview }, context) => {
    const config = await configFor(context, connectionId);
    const p = preview ? previewOf(context, connectionId) : null;
    const client = await developerClient(context, connectionId);
    try {
      return await whyRow({
        client,
        config,
        persona,
        relation,
        key,
        command,
        ...(p ? { preview: p.run } : {}),
      });
    } finally {
      await client.end().catch(() => undefined);
    }
  },
};
