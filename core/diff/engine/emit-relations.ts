import type { Hazard } from '../../../shared/diff/migration.js';
import { refKey, refLabel, sameRef, type ObjectRef, type Relation } from '../../../shared/model/catalog.js';
import { inheritedColumns, relationPhases, LATE, type Phases } from '../../ddl/object-phases.js';
import { refs, type Statement } from '../../ddl/statement.js';
import { sequenceOwnedBy } from '../../ddl/sequences.js';
import {
  addConstraint,
  alterColumnType,
  alterForeignOptions,
  copyRows,
  createTable,
  detachPartition,
  dropColumnExpression,
  dropConstraint,
  inlineByDefault,
  relationTarget,
  setColumnIdentity,
  setInheritance,
  syncIdentitySequence,
} from '../../ddl/tables.js';
import { commentOn, dropObject, ownerTo, renameTo } from '../../ddl/target.js';
import { createView } from '../../ddl/views.js';
import { setRelationOptions } from '../../ddl/tables.js';
import { quoteIdent, quoteQualified } from '../../ddl/quote.js';
import { storageParameters } from '../../ddl/reloptions.js';
import { mentionsColumn, same, sameDefinition, viewBody } from './compare.js';
import { aclStatements } from '../../ddl/acl.js';
import { ownerOf } from './emit-acl.js';
import type { Diff } from './context.js';
import { writeObject } from './context.js';
import { suffixedName } from './names.js';
import { emitTableMembers } from './emit-members.js';
import { dropRulesFirst } from './emit-rules.js';
import { inheritsAfterCreate } from './column-order.js';
import { isTable, relationKind } from './kinds.js';
import { hazard } from './plan.js';
import { identityFromParent } from './parent-identity.js';
import { retypeWay } from './retype.js';
import { leavesItsType } from './typed-tables.js';
import { relKey, type Side } from './side.js';
import { dropPolicy } from '../../ddl/policies.js';

/** The statements of every relation: drops, creations, recreations, rebuilds and in-place alterations. */
export function emitRelations(d: Diff): void {
  for (const [k, from] of d.from.relations) {
    const ref = refs.relation(from.schema, from.name);
    const to = d.to.relations.get(k);
    const rk = refKey(ref);
    if (to === undefined) {
      const dropped = d.dropped.get(rk);
      if (dropped !== undefined) dropRelation(d, from, dropped.changeId);
      continue;
    }
    const re = d.recreated.get(rk);
    if (re !== undefined) {
      emitRecreated(d, ref, re.changeId, () => dropRelation(d, from, re.changeId));
      continue;
    }
    const rebuild = d.rebuilt.get(rk);
    if (rebuild !== undefined) {
      rebuildTable(d, from, to, rebuild);
      continue;
    }
    if (!unchanged(d, k, from, to)) alterRelation(d, from, to);
  }
  for (const [k, to] of d.to.relations) {
    if (d.from.relations.has(k)) continue;
    const ref = refs.relation(to.schema, to.name);
    const id = `${relationKind(to)}:add:${refLabel(ref)}`;
    if (d.plan.get(id) !== undefined) emitCreated(d, d.to, ref, id);
  }
}

/**
 * Most tables of two versions of a schema are equal: skip those whose definition and policies are the same (OIDs
 * aside) and whose members nothing forces to be recreated. Partitions and inheritance children also follow their
 * parents, so they always take the long way.
 */
function unchanged(d: Diff, key: string, from: Relation, to: Relation): boolean {
  if (from.partitionOf !== null || to.partitionOf !== null) return false;
  if (from.inherits.length > 0 || to.inherits.length > 0) return false;
  if (d.hasMemberRecreates(from.schema, from.name)) return false;
  // Columns moved onto a collation rebuilt under them: their storage facts are written again.
  if (d.touched.has(refKey(refs.relation(from.schema, from.name)))) return false;
  if (leavesItsType(d, from, to)) return false;
  return (
    sameDefinition(from, to) && sameDefinition(d.from.policies.get(key) ?? [], d.to.policies.get(key) ?? [])
  );
}

function dependantsText(d: Diff, ref: ObjectRef): string {
  const names = (d.from.dependants.get(ref) ?? []).map((e) => refLabel(e.from));
  return [...new Set(names)].join(', ');
}

function dropRelation(d: Diff, r: Relation, changeId: string): void {
  const ref = refs.relation(r.schema, r.name);
  const hazards: Hazard[] = [];
  // A partitioned table holds no rows of its own: recreated, its partitions are detached meanwhile.
  const holdsNone = r.kind === 'foreign_table' || (r.kind === 'partitioned_table' && d.isRecreated(ref));
  if (isTable(r) && !holdsNone)
    hazards.push(hazard('data_loss', `drops ${r.schema}.${r.name} and every row in it`));
  const deps = dependantsText(d, ref);
  if (deps !== '') hazards.push(hazard('breaks_dependants', `dropped first and recreated: ${deps}`));
  dropRulesFirst(d, r, changeId);
  dropPoliciesFirst(d, r, changeId);
  d.plan.add('drop', dropObject(relationTarget(r)), changeId, hazards);
}

/**
 * A dropped table's policies that call a function dropped too (one whose BEGIN ATOMIC body reads the table, say:
 * each then depends on the other) go first, on their own.
 */
function dropPoliciesFirst(d: Diff, r: Relation, changeId: string): void {
  const ref = refs.relation(r.schema, r.name);
  const goes = d.from.dependencies.some(
    (e) => e.via === 'policy' && sameRef(e.from, ref) && d.isDropped(e.to),
  );
  if (!goes) return;
  for (const p of d.from.policies.get(relKey(r.schema, r.name)) ?? [])
    d.plan.memberDropFirst(dropPolicy({ schema: r.schema, table: r.name, name: p.name }), changeId);
}

/**
 * TO's phases of a top object, or null when there are none to write: absent, or refused by the DDL writer, which
 * is then named as unwritable (the change stands without a statement: the CLI, the script and the studio show it).
 */
function writable(d: Diff, side: Side, ref: ObjectRef, changeId: string): Phases | null {
  const p = writeObject(side, ref);
  if (p === null || !('reason' in p)) return p;
  d.unwritable.push({ changeId, object: ref, reason: p.reason, hint: p.hint });
  return null;
}

/** Creation phases of a top object from one side into the plan: objects in main, late ones late, ACL last. */
export function emitCreated(d: Diff, side: Side, ref: ObjectRef, changeId: string): void {
  const p = phasesToWrite(d, side, ref, changeId);
  if (p !== null) emitPhases(d, p, changeId);
}

/**
 * A top object dropped and created from TO: the drop only once TO's version is known to be writable, so that a
 * migration never drops what it cannot create again (the object stays as it is, named unwritable).
 */
export function emitRecreated(d: Diff, ref: ObjectRef, changeId: string, drop: () => void): void {
  const p = phasesToWrite(d, d.to, ref, changeId);
  if (p === null) return;
  drop();
  emitPhases(d, p, changeId);
}

/** A side's phases of a top object as this diff writes them (null when unwritable, which is then named). */
export function phasesToWrite(d: Diff, side: Side, ref: ObjectRef, changeId: string): Phases | null {
  const p = writable(d, side, ref, changeId);
  return p === null ? null : asWritten(d, side, ref, p);
}

/** Phases as this diff writes them: ignoring owners, without OWNER TO or the owner's own ACL items. */
export function asWritten(d: Diff, side: Side, ref: ObjectRef, p: Phases): Phases {
  if (d.wants('owner')) return p;
  const owner = ownerOf(side, ref);
  if (owner === undefined) return p;
  // Ignoring owners, the new object's privileges are written without its owner's own ACL items: whoever runs
  // the migration owns it (the TO side's owner may be a folder's shadow superuser).
  const acl = aclStatements(
    ref,
    owner,
    side.lookup.grantsOf(ref),
    ref.kind === 'relation' ? side.lookup.columnGrantsOf(ref.schema ?? '', ref.name) : [],
    { ownerless: true },
  );
  const owned = (s: Statement) => s.kind !== 'owner';
  return { create: p.create.filter(owned), late: p.late.filter((l) => owned(l.statement)), acl };
}

export function emitPhases(d: Diff, p: Phases, changeId: string, hazards: readonly Hazard[] = []): void {
  // Ignoring owners: a created object belongs to whoever runs the migration, as every other object does.
  const create = d.wants('owner') ? p.create : p.create.filter((s) => s.kind !== 'owner');
  create.forEach((s, i) => d.plan.add('main', s, changeId, i === 0 ? hazards : []));
  for (const l of p.late)
    if (d.wants('owner') || l.statement.kind !== 'owner')
      d.plan.add('late', l.statement, changeId, [], l.rank);
  if (d.wants('grant')) d.plan.add('acl', p.acl, changeId);
}

/**
 * A table rebuilt (its column order differs, or before 17 a generated column must be computed anew): renamed
 * away, created anew as TO has it, its rows copied over (identity
 * values kept), the old one dropped, then keys, indexes, triggers, policies and privileges as TO has them.
 * Owned sequences are detached first so that dropping the old table leaves them. A partition is detached first
 * and the new one attached late with its bound; an INHERITS child leaves a parent rebuilt with it first (whose
 * own rows alone are copied) and is made under the new one, or made on its own and then INHERITs where its order
 * is not the inherited one.
 */
function rebuildTable(d: Diff, from: Relation, to: Relation, changeId: string): void {
  const ref = refs.relation(from.schema, from.name);
  // Left as it is (not renamed away) when the new one cannot be written.
  if (writable(d, d.to, ref, changeId) === null) return;
  if (from.partitionOf !== null)
    d.plan.addFirst(ref, 'drop', detachPartition(from.partitionOf, from), changeId);
  for (const p of from.inherits)
    if (d.rebuilt.has(refKey(refs.relation(p.schema, p.name))))
      d.plan.add('first', setInheritance(from.schema, from.name, p, false), changeId);
  const rewrite = [
    hazard('table_rewrite', `${to.schema}.${to.name} is copied into a new table, rows kept`),
    hazard('access_exclusive_lock', `${to.schema}.${to.name} is locked while its rows are copied`),
  ];
  const old = suffixedName(from.name, 'gh_rebuild');
  dropRulesFirst(d, from, changeId);
  for (const s of d.from.model.sequences)
    if (!s.identity && s.ownedBy?.schema === from.schema && s.ownedBy.table === from.name)
      d.plan.addTo(ref, 'drop', [sequenceOwnedBy(s.schema, s.name, null)], changeId);
  // Its own foreign keys go first: the old copy must not hold another rebuilt table's old copy.
  for (const k of from.constraints)
    if (k.kind === 'foreign_key' && !k.inherited)
      d.plan.addTo(ref, 'drop', [dropConstraint(from.schema, from.name, k.name)], changeId);
  // (A partition's identity that is its parent's goes at its DETACH.)
  for (const c of from.columns)
    if (c.identity !== null && !identityFromParent(d.from, from, c))
      d.plan.addTo(ref, 'drop', [setColumnIdentity(from.schema, from.name, c.name, 'drop')], changeId);
  // Nor an expression over a function that is dropped meanwhile: the old copy's generated columns keep their
  // values as plain ones (they are computed anew in the new table).
  for (const c of from.columns)
    if (c.generation !== null && callsDropped(d, c.generation))
      d.plan.addTo(ref, 'drop', [dropColumnExpression(from.schema, from.name, c.name)], changeId);
  d.plan.addTo(ref, 'drop', [renameTo(relationTarget(from), old)], changeId, rewrite);
  // An INHERITS child whose order is not the inherited one is made on its own, then INHERITs (late).
  const alone = inheritsAfterCreate(d, to);
  const shape = alone ? { ...to, inherits: [] } : to;
  const p = relationPhases(d.to.lookup, shape);
  const create = createTable(shape, {
    identitySequences: d.to.lookup.identitySequences(to.schema, to.name),
    inlineConstraint: () => false,
    ...(shape.inherits.length > 0 ? { inheritedColumns: inheritedColumns(d.to.lookup, shape) } : {}),
  });
  const oldName = { schema: from.schema, name: old };
  const fromNames = new Set(from.columns.map((c) => c.name));
  const copied = to.columns.filter((c) => fromNames.has(c.name) && c.generated === null).map((c) => c.name);
  const main: Statement[] = [create];
  const parent = [...d.from.relations.values()].some((r) =>
    r.inherits.some((x) => x.schema === from.schema && x.name === from.name),
  );
  if (copied.length > 0)
    main.push(copyRows(to, oldName, copied, copyCasts(from, to, copied), { only: parent }));
  for (const c of to.columns)
    if (c.identity !== null && fromNames.has(c.name) && !identityFromParent(d.to, to, c))
      main.push(syncIdentitySequence(to.schema, to.name, c.name));
  main.push(...rowTypeUsers(d, from, to));
  main.push(
    dropObject({
      word: 'TABLE',
      name: quoteQualified(from.schema, old),
      object: refs.relation(from.schema, from.name),
    }),
  );
  main.forEach((s, i) => d.plan.addTo(ref, 'main', [s], changeId, i === 0 ? rewrite : []));
  d.plan.addTo(ref, 'main', p.create.slice(1), changeId);
  // A partition's keys and checks before ATTACH, which adopts them (it would clone its parent's otherwise); an
  // INHERITS child's copies of its parents' checks come with INHERITS or with the parent's ADD CONSTRAINT.
  const rank = to.partitionOf !== null ? LATE.attach - 0.6 : LATE.notValid;
  for (const k of to.constraints)
    if (inlineByDefault(k) && !(shape.inherits.length > 0 && k.local === false))
      d.plan.add('late', addConstraint(to.schema, to.name, k), changeId, [], rank);
  if (alone)
    for (const x of to.inherits)
      d.plan.add('late', setInheritance(to.schema, to.name, x, true), changeId, [], LATE.inherit);
  // Made under its parents as they end (their old copies gone first, which it no longer inherits).
  for (const x of to.inherits) d.plan.before(refs.relation(x.schema, x.name), ref);
  for (const l of p.late) d.plan.add('late', l.statement, changeId, [], l.rank);
  for (const s of d.to.model.sequences)
    if (!s.identity && s.ownedBy?.schema === to.schema && s.ownedBy.table === to.name)
      d.plan.add('late', sequenceOwnedBy(s.schema, s.name, s.ownedBy), changeId, [], LATE.ownedBy);
  d.plan.add('acl', p.acl, changeId);
}

/**
 * The copied columns whose type changes on the way (a column renamed and retyped, then moved): cast as ALTER
 * COLUMN … TYPE would cast them (an INSERT applies only assignment casts: text to integer needs the explicit one).
 */
function copyCasts(
  from: Relation,
  to: Relation,
  copied: readonly string[],
): Map<string, { type: string; throughText: boolean }> {
  const out = new Map<string, { type: string; throughText: boolean }>();
  for (const name of copied) {
    const a = from.columns.find((c) => c.name === name);
    const b = to.columns.find((c) => c.name === name);
    if (a === undefined || b === undefined || a.type.formatted === b.type.formatted) continue;
    const way = retypeWay(a, b, false);
    if (way !== 'coercible') out.set(name, { type: b.type.formatted, throughText: way === 'through_text' });
  }
  return out;
}

/**
 * Columns of other tables that store a rebuilt table's row type move onto the new one, field by field (the old row
 * type goes with the old table, 2BP01; a row's text is positional, so it cannot go through text).
 */
function rowTypeUsers(d: Diff, from: Relation, to: Relation): Statement[] {
  const out: Statement[] = [];
  const type = quoteQualified(to.schema, to.name);
  const had = new Set(from.columns.map((c) => c.name));
  for (const r of d.from.relations.values()) {
    const ref = refs.relation(r.schema, r.name);
    if (!isTable(r) || (r.schema === from.schema && r.name === from.name)) continue;
    if (d.isDropped(ref) || d.rebuilt.has(refKey(ref))) continue;
    for (const c of r.columns) {
      if (c.type.oid !== from.rowTypeOid) continue;
      const v = quoteIdent(c.name);
      const fields = to.columns.map((x) => (had.has(x.name) ? `(${v}).${quoteIdent(x.name)}` : 'NULL'));
      out.push(
        alterColumnType(
          r.schema,
          r.name,
          c.name,
          type,
          `CASE WHEN ${v}::text IS NULL THEN NULL ELSE ROW(${fields.join(', ')})::${type} END`,
        ),
      );
    }
  }
  return out;
}

/** Whether an expression names a function this migration drops (a word match). */
function callsDropped(d: Diff, expression: string): boolean {
  for (const { ref } of d.dropped.values())
    if (ref.kind === 'function' && mentionsColumn(expression, ref.name)) return true;
  return false;
}

function alterRelation(d: Diff, from: Relation, to: Relation): void {
  const ref = refs.relation(from.schema, from.name);
  const kind = relationKind(from);
  const t = relationTarget(to);
  if (from.kind === 'view' && !same(viewBody(from), viewBody(to)) && d.wants('view')) {
    const id = d.plan.change({
      action: 'alter',
      kind: 'view',
      object: ref,
      summary: `replace the query of view ${to.schema}.${to.name}`,
      fromSql: d.sql(d.from, ref),
      toSql: d.sql(d.to, ref),
    });
    d.writing(id, ref, () => d.plan.add('main', createView(to, { orReplace: true }), id));
  }
  // The TOAST table's parameters (toast.*) go with the relation's own: SET and RESET take both.
  const before = storageParameters(from);
  const after = storageParameters(to);
  if (!same(before, after) && from.kind !== 'view' && d.wants(kind)) {
    const id = d.plan.change({
      action: 'alter',
      kind,
      object: ref,
      summary: `storage parameters of ${to.schema}.${to.name}: ${after.join(', ') || 'defaults'}`,
      fromSql: d.sql(d.from, ref),
      toSql: d.sql(d.to, ref),
    });
    const names = (o: readonly string[]) => o.map((x) => x.slice(0, x.indexOf('=')));
    const set = after.filter((o) => !before.includes(o));
    const reset = names(before).filter((n) => !names(after).includes(n));
    d.plan.add('main', setRelationOptions(to, set, reset), id);
  }
  const fdw =
    from.foreignTable !== null && to.foreignTable !== null && d.wants(kind)
      ? alterForeignOptions(to.schema, to.name, from.foreignTable.options, to.foreignTable.options)
      : null;
  if (fdw !== null) {
    const id = d.plan.change({
      action: 'alter',
      kind,
      object: ref,
      summary: `options of foreign table ${to.schema}.${to.name}: ${to.foreignTable?.options.join(', ') || 'none'}`,
      fromSql: d.sql(d.from, ref),
      toSql: d.sql(d.to, ref),
    });
    d.plan.add('main', fdw, id);
  }
  if (from.owner !== to.owner && d.wants('owner')) {
    const id = d.plan.change({
      action: 'alter',
      kind: 'owner',
      object: ref,
      summary: `owner of ${to.schema}.${to.name}: ${from.owner} → ${to.owner}`,
    });
    d.plan.add('main', ownerTo(t, to.owner), id);
  }
  if (from.comment !== to.comment && d.wants('comment')) {
    const id = d.plan.change({
      action: 'alter',
      kind: 'comment',
      object: ref,
      summary: `comment on ${to.schema}.${to.name}`,
    });
    d.plan.add('main', commentOn(t, to.comment), id);
  }
  emitTableMembers(d, from, to);
}
