import { randomUUID } from 'node:crypto';
import type { Comparison, DiffProgress, DiffSide } from '../../shared/contract/diff.js';
import type { DiffOptions, Migration } from '../../shared/diff/migration.js';
import type { ReviewConfig } from '../../shared/diff/review.js';
import { GatehouseError, type GatehouseErrorShape } from '../../shared/errors.js';
import { refLabel } from '../../shared/model/catalog.js';
import { userOfDbUri } from '../advisor/config-view.js';
import type { StudioContext } from '../app/context.js';
import type { HandlerGroup } from '../app/handler.js';
import { toGatehouseError } from '../app/to-gatehouse-error.js';
import {
  exportPlanned,
  liveSource,
  migrationScript,
  planMigration,
  readPathSide,
  verifyPlanned,
  type LoadedSide,
} from './studio-services.js';
import { reviewModels } from './review/index.js';

/** One comparison the studio holds: both models read once, planned again as the user ticks changes. */
interface Entry {
  readonly id: string;
  state: 'running' | 'done' | 'failed';
  readonly steps: DiffProgress[];
  error: GatehouseErrorShape | null;
  from: LoadedSide | null;
  to: LoadedSide | null;
  readonly fromSide: DiffSide;
  reviewConfig: ReviewConfig | null;
  comparison: Comparison | null;
}

/** Steps kept per comparison: a folder of thousands of files reports each, the UI shows the latest. */
const STEP_LIMIT = 200;
/** Comparisons kept per studio: each holds two models; the oldest goes first. */
const COMPARISON_LIMIT = 8;

/** The comparisons of each studio context (a host owns one context; tests create several). */
const stores = new WeakMap<StudioContext, Map<string, Entry>>();
function storeOf(context: StudioContext): Map<string, Entry> {
  let s = stores.get(context);
  if (!s) {
    s = new Map();
    stores.set(context, s);
  }
  return s;
}

function entryOf(context: StudioContext, id: string): Entry {
  const e = storeOf(context).get(id);
  if (!e)
    throw new GatehouseError(
      'GH1011',
      `No comparison "${id}": it was closed, replaced or the studio restarted.`,
      {
        hint: 'Compare the two sides again.',
      },
    );
  return e;
}

function ready(e: Entry): { from: LoadedSide; to: LoadedSide; reviewConfig: ReviewConfig } {
  if (e.state !== 'done' || !e.from || !e.to || !e.reviewConfig)
    throw new GatehouseError('GH1012', 'This comparison is still reading its sides (or failed).', {
      hint: 'Wait until diff.progress says done.',
    });
  return { from: e.from, to: e.to, reviewConfig: e.reviewConfig };
}

/** The review's PostgREST configuration: the connection side's postgrest.conf (source first), else the defaults. */
async function reviewConfigFor(
  context: StudioContext,
  from: DiffSide,
  to: DiffSide,
): Promise<{ config: ReviewConfig; assumption: string | null }> {
  const side = [from, to].find((s) => s.kind === 'connection');
  if (side?.kind !== 'connection')
    return {
      config: { schemas: ['public'], anonRole: null, authenticator: null },
      assumption:
        "Neither side is a connection with a postgrest.conf: PostgREST's defaults are assumed (db-schemas = public, no db-anon-role).",
    };
  const entry = await context.actAsConfigs.entry(side.connectionId);
  const c = await context.actAsConfigs.config(side.connectionId);
  return {
    config: { schemas: [...c.dbSchemas], anonRole: c.dbAnonRole, authenticator: userOfDbUri(c.dbUri) },
    assumption:
      entry === undefined
        ? "This connection has no postgrest.conf (set one in Act as): PostgREST's defaults are assumed."
        : null,
  };
}

/** A connection side: the studio's own read of it (fresh: the comparison sees the database as it is now). */
async function loadConnection(
  context: StudioContext,
  side: Extract<DiffSide, { kind: 'connection' }>,
  report: (p: Omit<DiffProgress, 'side'>) => void,
): Promise<LoadedSide> {
  report({ message: 'reading the connection’s catalog', done: null, total: null });
  const catalog = await context.models.refresh(side.connectionId);
  const name =
    context.connections.status().find((s) => s.id === side.connectionId)?.name ?? side.connectionId;
  const label = `${name} (${catalog.database.name})`;
  return {
    side,
    catalog,
    source: liveSource(catalog, label),
    summary: { kind: 'connection', label, serverVersion: catalog.server.version },
  };
}

function plan(e: Entry, options: DiffOptions): Comparison {
  const { from, to, reviewConfig } = ready(e);
  const migration: Migration = planMigration(from.catalog, to.catalog, options);
  const review = reviewModels(from.catalog, to.catalog, reviewConfig);
  const extra = e.comparison?.review.assumptions ?? [];
  const comparison: Comparison = {
    comparisonId: e.id,
    from: from.summary,
    to: to.summary,
    options,
    migration,
    review: {
      ...review,
      assumptions: [
        ...new Set([...extra.filter((a) => !review.assumptions.includes(a)), ...review.assumptions]),
      ],
    },
    script: migrationScript(migration),
    applyTo: e.fromSide.kind === 'connection' ? e.fromSide.connectionId : null,
  };
  e.comparison = comparison;
  return comparison;
}

async function run(
  context: StudioContext,
  e: Entry,
  to: DiffSide,
  options: DiffOptions,
  review: ReviewConfig | undefined,
) {
  const push = (side: DiffProgress['side']) => (p: Omit<DiffProgress, 'side'>) => {
    e.steps.push({ side, ...p });
    if (e.steps.length > STEP_LIMIT) e.steps.splice(0, e.steps.length - STEP_LIMIT);
  };
  try {
    const configured = review
      ? { config: review, assumption: null }
      : await reviewConfigFor(context, e.fromSide, to);
    // Connections first: a folder's shadow database takes the other side's major and roles.
    const sides = [e.fromSide, to] as const;
    const names = ['from', 'to'] as const;
    const loaded: (LoadedSide | null)[] = [null, null];
    for (const i of [0, 1] as const) {
      const side = sides[i];
      if (side.kind === 'connection') loaded[i] = await loadConnection(context, side, push(names[i]));
    }
    for (const i of [0, 1] as const) {
      const side = sides[i];
      if (side.kind !== 'connection')
        loaded[i] = await readPathSide(side, loaded[1 - i]?.catalog ?? null, push(names[i]));
    }
    e.from = loaded[0] ?? null;
    e.to = loaded[1] ?? null;
    e.reviewConfig = configured.config;
    e.state = 'done';
    push('plan')({ message: 'Planning the migration', done: null, total: null });
    const c = plan(e, options);
    if (configured.assumption !== null) c.review.assumptions.unshift(configured.assumption);
  } catch (error) {
    e.state = 'failed';
    e.error = toGatehouseError(error).toJSON();
  }
}

export const diffHandlers: HandlerGroup<'diff'> = {
  'diff.compare': async ({ from, to, options, review }, context) => {
    if (from.kind === 'connection') context.connections.target(from.connectionId); // GH108 when not open
    if (to.kind === 'connection') context.connections.target(to.connectionId);
    const store = storeOf(context);
    const id = randomUUID();
    const e: Entry = {
      id,
      state: 'running',
      steps: [],
      error: null,
      from: null,
      to: null,
      fromSide: from,
      reviewConfig: null,
      comparison: null,
    };
    store.set(id, e);
    while (store.size > COMPARISON_LIMIT) store.delete(store.keys().next().value!);
    // Not awaited: the reads report progress through diff.progress until the comparison is done.
    void run(context, e, to, options ?? {}, review);
    return { comparisonId: id };
  },
  'diff.progress': async ({ comparisonId }, context) => {
    const e = entryOf(context, comparisonId);
    return {
      state: e.state === 'done' && e.comparison === null ? 'running' : e.state,
      steps: [...e.steps],
      comparison: e.comparison,
      error: e.error,
    };
  },
  'diff.plan': async ({ comparisonId, options }, context) => plan(entryOf(context, comparisonId), options),
  'diff.export': async ({ comparisonId, options, format, folder, name, verify, force }, context) => {
    const e = entryOf(context, comparisonId);
    const { from, to } = ready(e);
    const c = plan(e, options);
    const verification =
      verify !== false
        ? await verifyPlanned(from, to, c.migration, options, (p) => e.steps.push({ side: 'verify', ...p }))
        : null;
    if (verification && !verification.verified && force !== true) return { files: [], verification };
    const files = await exportPlanned({
      migration: c.migration,
      from,
      to,
      options,
      format,
      folder,
      name,
    });
    return { files, verification };
  },
  'diff.apply': async ({ comparisonId, options }, context) => {
    const e = entryOf(context, comparisonId);
    const c = plan(e, options);
    if (c.applyTo === null)
      throw new GatehouseError('GH1013', 'Only a migration from an open connection can be applied.', {
        hint: 'Pick the connection as the source (From) side, or export the migration instead.',
      });
    if (c.migration.cycles.length > 0)
      throw new GatehouseError(
        'GH1009',
        'The migration cannot be ordered: its objects depend on each other in a cycle.',
        {
          hint: `Leave out one change of the cycle: ${c.migration.cycles[0]!.members.map(refLabel).join(', ')}.`,
        },
      );
    if (c.migration.statements.length === 0)
      throw new GatehouseError('GH1014', 'The planned migration has no statements.', {
        hint: 'Tick at least one change in, or compare other sides.',
      });
    const summaries = new Map(c.migration.changes.map((ch) => [ch.id, ch.summary]));
    const pending = await context.changeSets.add(
      c.applyTo,
      c.migration.statements.map((s) => ({
        sql: s.sql,
        origin: {
          panel: 'diff',
          object: refLabel(s.object),
          action: (
            s.changeIds.map((id) => summaries.get(id)).find((x) => x !== undefined) ?? 'migration'
          ).slice(0, 500),
        },
      })),
    );
    return { connectionId: c.applyTo, queued: c.migration.statements.length, pending: pending.length };
  },
  'diff.close': async ({ comparisonId }, context) => ({ closed: storeOf(context).delete(comparisonId) }),
};
