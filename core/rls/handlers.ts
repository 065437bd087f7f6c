import pg from 'pg';
import { GatehouseError } from '../../shared/errors.js';
import type { StudioContext } from '../app/context.js';
import type { HandlerGroup } from '../app/handler.js';
import { configFor, connectionFor } from '../act-as/handlers.js';
import { replayInTransaction } from '../changeset/apply.js';
import { placedStatements } from '../changeset/session.js';
import { readCatalog } from '../catalog/read-catalog.js';
import type { RlsChange } from '../../shared/contract/rls.js';
import { personaStore, targetKey } from '../act-as/console/handlers.js';
import { exportMatrixTests } from './export.js';
import { computeMatrix } from './matrix.js';
import { expressionsOf, planChange, type ChangePlan } from './change-ddl.js';
import { policyEditorContext } from './editor-context.js';
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

/** A change planned against the model (an edit needs the policy as it is now). */
async function planFor(context: StudioContext, connectionId: string, change: RlsChange): Promise<ChangePlan> {
  if (change.kind !== 'edit') return planChange(change);
  const model = await context.models.get(connectionId);
  const current = model.policies.find(
    (p) => p.schema === change.schema && p.table === change.table && p.name === change.name,
  );
  return planChange(change, current);
}

/** The pending change set replayed first, when there is one: checks see the database as it will be. */
function pendingReplay(context: StudioContext, connectionId: string) {
  const p = previewOf(context, connectionId);
  return p.count > 0 ? p.run : undefined;
}

export const rlsHandlers: HandlerGroup<'rls'> = {
  'rls.queue': async ({ connectionId, change }, context) => {
    context.connections.target(connectionId); // GH108 for a connection that is not open
    const plan = await planFor(context, connectionId, change);
    if (plan.unchanged)
      throw new GatehouseError(
        'GH222',
        `Policy ${change.kind === 'edit' ? change.name : ''}: nothing changed.`,
        {
          hint: 'Change its name, roles or an expression first.',
        },
      );
    // An expression that does not parse or type-check is never queued (the editor marks it; this is the rule).
    const table = { schema: change.schema, name: change.table };
    for (const e of expressionsOf(change)) {
      const [problem] = await context.connections.withClient(connectionId, (client) =>
        validateExpression(client, table, e.text, pendingReplay(context, connectionId)),
      );
      if (problem)
        throw new GatehouseError('GH806', `The ${e.what} expression is not valid: ${problem.message}`, {
          details: e.text,
          hint: `Fix it at character ${problem.offset + 1} (the editor marks the spot).`,
        });
    }
    const action = change.kind === 'rls' ? `${change.change.replace('_', ' ')} RLS` : `${change.kind} policy`;
    const sqls = plan.statements.map((s) => s.sql);
    await context.changeSets.add(
      connectionId,
      sqls.map((sql) => ({
        sql,
        origin: { panel: 'rls', object: `${change.schema}.${change.table}`, action },
      })),
    );
    return { sql: sqls.join(';\n'), statements: sqls, pending: context.changeSets.list(connectionId).length };
  },
  'rls.plan': async ({ connectionId, change }, context) => {
    context.connections.target(connectionId);
    try {
      const plan = await planFor(context, connectionId, change);
      return {
        statements: plan.statements.map((s) => s.sql),
        recreateReason: plan.recreateReason,
        unchanged: plan.unchanged,
      };
    } catch (error) {
      // An edit PostgreSQL cannot do in place: say why, so the editor can offer DROP + CREATE.
      if (error instanceof GatehouseError && error.code === 'GH805')
        return { statements: [], recreateReason: error.message, unchanged: false };
      throw error;
    }
  },
  'rls.editorContext': async ({ connectionId, schema, table }, context) => {
    const [config, model, personas] = await Promise.all([
      configFor(context, connectionId),
      context.models.get(connectionId),
      personaStore(context).list(targetKey(context, connectionId)),
    ]);
    return policyEditorContext(model, config, personas, { schema, table });
  },
  'rls.validate': async ({ connectionId, schema, table, expression, preview }, context) => ({
    problems: await context.connections.withClient(connectionId, (client) =>
      validateExpression(
        client,
        { schema, name: table },
        expression,
        preview ? pendingReplay(context, connectionId) : undefined,
      ),
    ),
  }),
  'rls.overview': async ({ connectionId }, context) => {
    const config = await configFor(context, connectionId);
    const model = await context.connections.withClient(connectionId, (client) => readCatalog(client));
    return rlsOverview(model, config);
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
  'rls.exportTests': async ({ connectionId, personas, format }, context) => {
    const config = await configFor(context, connectionId);
    const text = await exportMatrixTests(
      { connect: () => developerClient(context, connectionId), config, personas },
      format,
    );
    return { fileName: format === 'pgtap' ? 'rls-matrix.pgtap.sql' : 'rls-matrix.test.sql', text };
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
