import type { DiffOptions, Migration, MigrationStatement } from '../../../shared/diff/migration.js';
import type { Catalog, Dependency, ObjectRef } from '../../../shared/model/catalog.js';
import { ordersCreation } from '../../ddl/database-ddl.js';
import { scriptPreamble } from '../../ddl/object-phases.js';
import { orderIndices } from '../../ddl/order.js';
import { linkCarriers } from './carriers.js';
import { classify } from './classify.js';
import { Diff } from './context.js';
import { followDependants, memberPartOf } from './dependants.js';
import { emitDefaultPrivileges, emitGrants } from './emit-acl.js';
import { classifyCollations, emitCollations } from './emit-collations.js';
import { emitEventTriggers } from './emit-event-triggers.js';
import { emitStatistics } from './emit-statistics.js';
import { emitExtensions, emitFunctions, emitSchemas, emitSequences, emitTypes } from './emit-objects.js';
import { emitPublications } from './emit-publications.js';
import { emitRelations } from './emit-relations.js';
import { emitRoles } from './emit-roles.js';
import { hazard, topRef, type Planned, type Unit } from './plan.js';
import { acceptedRenames, applyRenames, renameCandidates } from './renames.js';
import { renameSchemaInRef } from './schema-renames.js';
import { RefIndex } from './ref-index.js';
import { buildSide, schemaScope } from './side.js';

/**
 * The migration that turns `from` into `to`: every difference as a change (ticked out through `options.skip`,
 * dependants following), and the statements that carry the kept ones out, ordered by both models' pg_depend
 * graphs — drops in reverse dependency order on FROM's, creations forward on TO's, then what must wait for
 * every object (keys, indexes, triggers, policies), privileges and default privileges. Pure and deterministic.
 */
export function diffModels(from: Catalog, to: Catalog, options: DiffOptions = {}): Migration {
  const toScope = schemaScope(to, options);
  const scopedFrom = buildSide(from, schemaScope(from, options));
  const scopedTo = buildSide(to, toScope);
  // Renames in rounds: a renamed table's columns are compared (and may be renamed) in the next round, a renamed
  // schema's contents too.
  let fromSide = scopedFrom;
  let fromModel = from;
  let candidates = renameCandidates(scopedFrom.model, scopedTo.model, {
    from: scopedFrom.relations,
    to: scopedTo.relations,
  });
  const renameStatements: ReturnType<typeof applyRenames>['statements'] = [];
  // Asked renames named before a schema's rename read as after it.
  const spelt = (ref: ObjectRef) =>
    renameStatements.reduce(
      (x, { rename: r }) => (r.kind === 'schema' ? renameSchemaInRef(x, r.from.name, r.to.name) : x),
      ref,
    );
  for (let round = 0; round < 4; round++) {
    const now = acceptedRenames(candidates, options, spelt);
    if (now.length === 0) break;
    const renamed = applyRenames(fromModel, now);
    renameStatements.push(...renamed.statements);
    fromModel = renamed.model;
    // A renamed schema is in scope under its new name.
    fromSide = buildSide(fromModel, schemaScope(fromModel, options));
    candidates = renameCandidates(fromSide.model, scopedTo.model, {
      from: fromSide.relations,
      to: scopedTo.relations,
    });
  }
  const renamed = { statements: renameStatements };
  const d = new Diff(fromSide, scopedTo, options);

  emitRoles(d);
  const schemaRenames: { schema: string; changeId: string }[] = [];
  for (const { statement, rename } of renamed.statements) {
    const id = d.plan.change({
      action: 'rename',
      kind: rename.kind,
      object: rename.from,
      summary: `rename ${rename.from.member ?? rename.from.name} to ${rename.to.member ?? rename.to.name}`,
    });
    d.plan.add('first', statement, id);
    if (rename.kind === 'schema') schemaRenames.push({ schema: rename.to.name, changeId: id });
  }
  classify(d);
  classifyCollations(d);
  followDependants(d);
  emitSchemas(d);
  emitExtensions(d);
  emitCollations(d);
  emitTypes(d);
  emitSequences(d);
  emitFunctions(d);
  emitRelations(d);
  emitStatistics(d);
  emitPublications(d);
  emitGrants(d);
  emitDefaultPrivileges(d);
  emitEventTriggers(d);
  linkCarriers(d);
  linkCreations(d);
  requireSchemaRenames(d, schemaRenames);
  showObjectSql(d);

  const skipped = skippedChanges(d, options.skip ?? []);
  const kept = (p: Planned) => !p.changeIds.some((id) => skipped.has(id));
  const ordered = orderUnits(d);
  const base = {
    equal: d.plan.changes.length === 0,
    changes: d.plan.changes,
    skipped: [...skipped].map(([id, because]) => ({ id, because })),
    // The renames carried out, then those still offered: a list of accepted ones stays whole from plan to plan.
    renameCandidates: [...renameStatements.map((x) => x.rename), ...candidates],
    unwritable: d.unwritable.filter((u) => !skipped.has(u.changeId)),
  };
  if ('cycle' in ordered)
    return { ...base, statements: [], cycles: [{ members: ordered.cycle.map((u) => u.ref) }] };
  const planned: Planned[] = [
    ...d.plan.first.filter((p) => p.statement.object.kind === 'role'),
    ...d.plan.first.filter((p) => p.statement.object.kind !== 'role'),
    ...ordered.order.flatMap((u) => u.statements),
    ...[...d.plan.late].sort((a, b) => a.rank - b.rank || a.order - b.order).map((l) => l.planned),
    // Schema privileges first: a grant made by a role other than the owner needs that role's USAGE on the
    // schema already.
    ...d.plan.acl.filter((p) => p.statement.object.kind === 'schema'),
    ...d.plan.acl.filter((p) => p.statement.object.kind !== 'schema'),
    ...d.plan.defaults,
    ...d.plan.last,
  ].filter(kept);
  return { ...base, statements: withUncheckedBodies(markEnumValues(d, planned)), cycles: [] };
}

/**
 * A migration that creates functions runs with check_function_bodies off for its transaction, as pg_dump's
 * scripts do: a SQL function's string body may name a table or column the same migration makes after it.
 */
function withUncheckedBodies(statements: MigrationStatement[]): MigrationStatement[] {
  const creates = statements.some(
    (s) =>
      s.transactional &&
      s.object.kind === 'function' &&
      /^CREATE (OR REPLACE )?(FUNCTION|PROCEDURE) /.test(s.sql),
  );
  if (!creates) return statements;
  const p = scriptPreamble({ local: true });
  const preamble: MigrationStatement = {
    sql: p.sql,
    transactional: true,
    object: p.object,
    changeIds: [],
    hazards: [],
  };
  const at = statements.findIndex((s) => s.transactional);
  return [...statements.slice(0, at), preamble, ...statements.slice(at)];
}

/**
 * A change that names no DDL of its own (a comment, a grant, an owner) shows its object's whole DDL on both
 * sides instead, so the side-by-side view has something to compare: the table with its old and new comment.
 */
function showObjectSql(d: Diff): void {
  for (const c of d.plan.changes) {
    if (c.fromSql !== null || c.toSql !== null) continue;
    const top = topRef(c.object);
    c.fromSql = d.sql(d.from, top);
    c.toSql = d.sql(d.to, top);
  }
}

const DROP_RANK: Partial<Record<ObjectRef['kind'], number>> = {
  rule: -1,
  relation: 0,
  function: 1,
  sequence: 2,
  type: 3,
  collation: 3.5,
  extension: 4,
  schema: 5,
};
const MAIN_RANK: Partial<Record<ObjectRef['kind'], number>> = {
  schema: 0,
  extension: 1,
  collation: 1.5,
  type: 2,
  sequence: 3,
  function: 4,
  relation: 5,
};

/** Orders the units on one graph: FROM's edges among drops, TO's among creations, each object dropped first. */
function orderUnits(d: Diff): { order: Unit[] } | { cycle: Unit[] } {
  const units = [...d.plan.units.values()];
  // Units by reference, one index per phase: every edge of both sides is looked up, and most miss.
  const drops = new RefIndex<number>();
  const mains = new RefIndex<number>();
  units.forEach((u, i) => (u.phase === 'drop' ? drops : mains).set(u.ref, i));
  const edges: [number, number][] = [];
  const push = (a: number | undefined, b: number | undefined) => {
    if (a !== undefined && b !== undefined && a !== b) edges.push([a, b]);
  };
  // Rules and policies dropped on their own (Plan.memberDropFirst), by their relation: each goes before that
  // relation's drops and changes, and carries the relation's rule (policy) edges on the drop side.
  const ruleDrops = new RefIndex<number[]>();
  const policyDrops = new RefIndex<number[]>();
  units.forEach((u, i) => {
    if (u.ref.kind !== 'rule' && u.ref.kind !== 'policy') return;
    const rel = topRef(u.ref);
    const by = u.ref.kind === 'rule' ? ruleDrops : policyDrops;
    by.set(rel, [...(by.get(rel) ?? []), i]);
    push(i, drops.get(rel));
    push(i, mains.get(rel));
  });
  const fromEdges = d.from.dependencies;
  const toEdges = d.to.dependencies;
  if (drops.size > 0)
    for (let i = 0; i < fromEdges.length; i++) {
      const e = fromEdges[i]!;
      if (e.from.kind === 'sequence' && e.to.kind === 'relation') continue; // ownership, not use
      const dropTo = drops.get(e.to);
      if (dropTo === undefined) continue; // both edges below end at the drop of `to`
      const first =
        e.via === 'rule' ? ruleDrops.get(e.from) : e.via === 'policy' ? policyDrops.get(e.from) : undefined;
      if (first !== undefined) for (const r of first) push(r, dropTo);
      // A table's rule (policy) edges are its rules' (policies'), gone first; a view's rule edges are also its
      // query's (_RETURN), which stays.
      if (first === undefined || (e.via === 'rule' && isView(d, e.from))) push(drops.get(e.from), dropTo);
      // An object that stays but stops using one that goes: its change first (unless the part using it, a
      // default or a policy, goes with the object's drops and comes back after: an overload of the same name
      // made meanwhile would leave the old call ambiguous, 42725).
      if (d.isDropped(e.to) && !d.isRecreated(e.to) && !d.isDropped(e.from) && !partRecreated(d, e))
        push(mains.get(e.from), dropTo);
    }
  if (mains.size > 0) {
    const follow = ordersCreation(d.to.lookup);
    for (let i = 0; i < toEdges.length; i++) {
      const e = toEdges[i]!;
      const a = mains.get(e.to);
      const b = a === undefined ? undefined : mains.get(e.from);
      if (b !== undefined && follow(e)) push(a, b);
    }
  }
  for (const [a, b] of d.plan.orderings) push(mains.get(a), mains.get(b));
  units.forEach((u, i) => {
    if (u.phase === 'drop') push(i, mains.get(u.ref));
    // A partition's drops (its DETACH first) before its parent's drops and changes, which would reach it.
    const parent = u.phase === 'drop' ? partitionParent(d, u.ref) : undefined;
    if (parent !== undefined) {
      push(i, drops.get(parent));
      push(i, mains.get(parent));
    }
    const s = u.ref.schema;
    if (s !== null && u.ref.kind !== 'schema') {
      const schema: ObjectRef = { kind: 'schema', schema: null, name: s };
      if (u.phase === 'main') push(mains.get(schema), i);
      else push(i, drops.get(schema));
    }
  });
  const ranks = units.map((u) =>
    u.phase === 'drop' ? (DROP_RANK[u.ref.kind] ?? 6) : 10 + (MAIN_RANK[u.ref.kind] ?? 6),
  );
  const r = orderIndices(ranks, edges);
  return 'cycle' in r
    ? { cycle: r.cycle.map((i) => units[i] as Unit) }
    : { order: r.order.map((i) => units[i] as Unit) };
}

function partitionParent(d: Diff, ref: ObjectRef): ObjectRef | undefined {
  const p = ref.kind === 'relation' ? d.from.lookup.relation(ref.schema ?? '', ref.name)?.partitionOf : null;
  return p === null || p === undefined ? undefined : { kind: 'relation', schema: p.schema, name: p.name };
}

function isView(d: Diff, ref: ObjectRef): boolean {
  const kind = ref.kind === 'relation' ? d.from.lookup.relation(ref.schema ?? '', ref.name)?.kind : undefined;
  return kind === 'view' || kind === 'materialized_view';
}

/** Whether the table part carrying an edge (its defaults, its policies…) is dropped and recreated. */
function partRecreated(d: Diff, e: Dependency): boolean {
  const part = memberPartOf(e.via);
  return (
    part !== undefined &&
    e.from.kind === 'relation' &&
    d.memberRecreate(e.from.schema ?? '', e.from.name, part) !== undefined
  );
}

/** Objects created or recreated require the creations of what they depend on in TO (leaving one out leaves both). */
function linkCreations(d: Diff): void {
  const creating = new RefIndex<string[]>();
  for (const c of d.plan.changes)
    if (c.action === 'add' || c.action === 'rebuild' || (c.kind === 'column' && c.action === 'alter')) {
      const top: ObjectRef = {
        kind: c.object.kind === 'column' ? 'relation' : c.object.kind,
        schema: c.object.schema,
        name: c.object.name,
        ...(c.object.args !== undefined ? { args: c.object.args } : {}),
      };
      creating.set(top, [...(creating.get(top) ?? []), c.id]);
    }
  if (creating.size === 0) return;
  const edges = d.to.dependencies;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    const mine = creating.get(e.from);
    const theirs = mine === undefined ? undefined : creating.get(e.to);
    if (mine === undefined || theirs === undefined) continue;
    for (const id of mine) {
      const c = d.plan.get(id);
      if (c !== undefined && c.action !== 'alter') d.plan.require(id, ...theirs);
    }
  }
}

/** A change in a renamed schema spells its new name: it requires the rename (left out, it goes too). */
function requireSchemaRenames(d: Diff, renames: readonly { schema: string; changeId: string }[]): void {
  if (renames.length === 0) return;
  for (const c of d.plan.changes)
    for (const r of renames)
      if (c.object.schema === r.schema || (c.object.kind === 'schema' && c.object.name === r.schema))
        d.plan.require(c.id, r.changeId);
}

/** The ticked-out changes and every change that requires one of them, with the reason. */
function skippedChanges(d: Diff, skip: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of skip) if (d.plan.get(id) !== undefined) out.set(id, 'ticked out');
  for (let grew = true; grew;) {
    grew = false;
    for (const c of d.plan.changes) {
      if (out.has(c.id)) continue;
      const missing = c.requires.find((r) => out.has(r));
      if (missing !== undefined) {
        out.set(c.id, `requires ${missing}, which is left out`);
        grew = true;
      }
    }
  }
  return out;
}

/**
 * An enum value added cannot be used in the transaction that adds it (55P04): when another statement of the
 * migration spells the new value, ALTER TYPE … ADD VALUE runs before the transaction, on its own.
 */
function markEnumValues(d: Diff, planned: readonly Planned[]): MigrationStatement[] {
  return planned.map((p) => {
    let transactional = p.statement.transactional;
    const hazards = [...p.hazards];
    if (/^ALTER TYPE .* ADD VALUE /s.test(p.statement.sql)) {
      const literal = d.enumValues.find((v) => p.statement.sql.includes(`ADD VALUE ${v.literal}`))?.literal;
      if (
        literal !== undefined &&
        planned.some(
          (o) => o !== p && !/ ADD VALUE /.test(o.statement.sql) && o.statement.sql.includes(literal),
        )
      ) {
        transactional = false;
        hazards.push(
          hazard(
            'non_transactional',
            `the new value ${literal} is used by this migration: added before its transaction, committed on its own`,
          ),
        );
      }
    }
    return {
      sql: p.statement.sql,
      transactional,
      object: p.statement.object,
      changeIds: [...p.changeIds],
      hazards,
    };
  });
}
