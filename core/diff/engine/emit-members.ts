import type { Hazard } from '../../../shared/diff/migration.js';
import {
  refKey,
  type Column,
  type Constraint,
  type Index,
  type Policy,
  type Relation,
  type Sequence,
  type Trigger,
} from '../../../shared/model/catalog.js';
import {
  createIndexFromDefinition,
  dropIndex,
  indexStatisticsStatements,
  indexTarget,
  setIndexColumnStatistics,
} from '../../ddl/indexes.js';
import { LATE } from '../../ddl/object-phases.js';
import {
  alterPolicy,
  commentOnPolicy,
  createPolicy,
  dropPolicy,
  type PolicyChange,
} from '../../ddl/policies.js';
import { setRowLevelSecurity } from '../../ddl/rls.js';
import { refs } from '../../ddl/statement.js';
import {
  addColumn,
  addConstraint,
  attachPartition,
  columnTarget,
  constraintTarget,
  detachPartition,
  dropColumn,
  dropColumnExpression,
  dropConstraint,
  setClusterOn,
  addNotNullConstraint,
  renameConstraint,
  setConstraintInherit,
  setColumnDefault,
  setColumnExpression,
  setColumnIdentity,
  setLogged,
  setReplicaIdentity,
  setTypeOf,
  syncIdentitySequence,
  setColumnNotNull,
  setInheritance,
  validateConstraint,
} from '../../ddl/tables.js';
import { commentOn, dropObject } from '../../ddl/target.js';
import { sequenceTarget } from '../../ddl/sequences.js';
import { createTrigger, setTriggerEnabled, triggerTarget } from '../../ddl/triggers.js';
import { retyped, same } from './compare.js';
import type { Diff } from './context.js';
import { regeneratedByDropAdd } from './classify.js';
import { emitRules } from './emit-rules.js';
import { columnChangeId, referencingTables } from './dependants.js';
import { emitColumnFacts } from './emit-column-facts.js';
import { phasesToWrite } from './emit-relations.js';
import { inheritedColumns } from './kinds.js';
import { hazard } from './plan.js';
import { retypeStatement, retypeWay } from './retype.js';
import { ownIdentity } from './parent-identity.js';
import { leavesItsType } from './typed-tables.js';
import { relKey } from './side.js';

const byName = <T extends { name: string }>(list: readonly T[]) => new Map(list.map((x) => [x.name, x]));

/** Columns, keys, indexes, triggers, rules, RLS, policies, partitioning and inheritance of a relation on both sides. */
export function emitTableMembers(d: Diff, from: Relation, to: Relation): void {
  const isTable = to.kind === 'table' || to.kind === 'partitioned_table' || to.kind === 'foreign_table';
  if (d.wants('column')) emitColumns(d, from, to, isTable);
  if (isTable && d.wants('constraint')) emitConstraints(d, from, to);
  if (d.wants('index')) emitClusterOn(d, from, to, emitIndexes(d, from, to));
  if (d.wants('trigger')) emitTriggers(d, from, to);
  if (d.wants('rule')) emitRules(d, from, to);
  if (isTable && d.wants('rls')) emitRls(d, from, to);
  emitPolicies(d, from, to);
  if (isTable && d.wants('table')) emitPartitioning(d, from, to);
  if (isTable && d.wants('table')) emitPersistence(d, from, to);
  if (isTable && d.wants('table')) emitTypedTable(d, from, to);
}

/**
 * OF type: a table leaves its type first (NOT OF, before its columns change as its own) and takes one last, its
 * columns then the type's. One that stays of its type leaves it meanwhile when ALTER TYPE … CASCADE cannot carry
 * its columns along (leavesItsType).
 */
function emitTypedTable(d: Diff, from: Relation, to: Relation): void {
  const leaves = leavesItsType(d, from, to);
  if (same(from.ofType, to.ofType) && !leaves) return;
  const s = to.schema;
  const t = to.name;
  const id = d.plan.change({
    action: 'alter',
    kind: 'table',
    object: refs.relation(s, t),
    summary: `${s}.${t}: ${to.ofType === undefined ? 'not typed' : `of type ${to.ofType.schema}.${to.ofType.name}`}${leaves ? ' (left meanwhile: its type is rebuilt or an attribute retyped)' : ''}`,
  });
  if (from.ofType !== undefined) d.plan.add('first', setTypeOf(s, t, null), id);
  if (to.ofType !== undefined) d.plan.add('late', setTypeOf(s, t, to.ofType), id, [], LATE.ownedBy);
}

/** CLUSTER ON: the index CLUSTER orders by, marked again on an index that is dropped and made anew. */
function emitClusterOn(d: Diff, from: Relation, to: Relation, remade: ReadonlySet<string>): void {
  const index = to.clusterOn;
  const indexRemade =
    index !== undefined &&
    (remade.has(index) ||
      from.indexes.find((i) => i.name === index)?.definition !==
        to.indexes.find((i) => i.name === index)?.definition);
  if (from.clusterOn === index && !indexRemade) return;
  const id = d.plan.change({
    action: 'alter',
    kind: 'index',
    object: refs.relation(to.schema, to.name),
    summary: `cluster ${to.schema}.${to.name} on ${index ?? 'no index'}`,
  });
  d.plan.add('late', setClusterOn(to, index ?? null), id, [], LATE.replicaIdentity);
}

/** UNLOGGED and REPLICA IDENTITY (what logical replication, Supabase Realtime among it, sends of a row). */
function emitPersistence(d: Diff, from: Relation, to: Relation): void {
  const s = to.schema;
  const t = to.name;
  const ref = refs.relation(s, t);
  if (to.kind === 'table' && from.kind === 'table' && (from.unlogged === true) !== (to.unlogged === true)) {
    const id = d.plan.change({
      action: 'alter',
      kind: 'table',
      object: ref,
      summary: `${s}.${t}: ${to.unlogged === true ? 'unlogged' : 'logged'}`,
    });
    d.plan.add('main', setLogged(s, t, to.unlogged !== true), id, [
      hazard('table_rewrite', `${s}.${t} is rewritten ${to.unlogged === true ? 'unlogged' : 'into the WAL'}`),
      hazard('access_exclusive_lock', `${s}.${t} is locked while it is rewritten`),
    ]);
    // A logged table may not reference an unlogged one: going logged, the tables it references go first;
    // going unlogged, it goes before them (55000).
    for (const k of [...from.constraints, ...to.constraints]) {
      const r = k.foreignKey?.table;
      if (r === undefined || (r.schema === s && r.name === t)) continue;
      const a = d.from.relations.get(relKey(r.schema, r.name));
      const b = d.to.relations.get(relKey(r.schema, r.name));
      if (a === undefined || b === undefined || (a.unlogged === true) === (b.unlogged === true)) continue;
      const other = refs.relation(r.schema, r.name);
      if (to.unlogged === true) d.plan.before(ref, other);
      else d.plan.before(other, ref);
    }
  }
  // An index used as replica identity that is dropped and made again leaves the table with none: set again.
  const identity = to.replicaIdentity;
  const byIndex = typeof identity === 'object' ? identity.index : null;
  const indexRemade =
    byIndex !== null &&
    from.indexes.find((i) => i.name === byIndex)?.definition !==
      to.indexes.find((i) => i.name === byIndex)?.definition;
  if (!same(from.replicaIdentity, identity) || indexRemade) {
    const id = d.plan.change({
      action: 'alter',
      kind: 'table',
      object: ref,
      summary: `replica identity of ${s}.${t}: ${identity === undefined ? 'default' : byIndex !== null ? `index ${byIndex}` : identity}`,
    });
    d.plan.add('late', setReplicaIdentity(s, t, identity), id, [], LATE.replicaIdentity);
  }
}

function emitColumns(d: Diff, from: Relation, to: Relation, isTable: boolean): void {
  const ref = refs.relation(to.schema, to.name);
  const toCols = byName(to.columns);
  const fromCols = byName(from.columns);
  const s = to.schema;
  const t = to.name;
  // A partition's columns (and those a child inherits) follow their parent's ALTERs.
  const inherited = new Set(inheritedColumns(d.to, to));
  // A partition detached meanwhile (its parent recreated, its bound changed, moved to another parent) or a table
  // attached has columns of its own until ATTACH: its parent's ALTERs do not reach it.
  const throughout = staysPartition(d, from, to);
  if (throughout) for (const c of to.columns) inherited.add(c.name);
  // A typed table that stays of its type: ALTER TYPE … CASCADE adds, drops and retypes its columns.
  const typed = from.ofType !== undefined && same(from.ofType, to.ofType) && !leavesItsType(d, from, to);
  let id: string | null = null;
  const change = () => (id ??= columnChangeId(d, ref));
  const defaults = d.memberRecreate(s, t, 'default');
  // Defaults come back after the columns' own changes: a column retyped (off a dropped enum) takes its new
  // default only once it has its new type (42804).
  const restore: (() => void)[] = [];
  if (defaults !== undefined)
    for (const c of from.columns) {
      if (c.default !== null && c.generated === null && c.identity === null && toCols.has(c.name)) {
        d.plan.add('drop', setColumnDefault(s, t, c.name, null), defaults.changeId);
        const next = toCols.get(c.name)?.default ?? null;
        if (next !== null)
          restore.push(() => d.plan.add('main', setColumnDefault(s, t, c.name, next), defaults.changeId));
      }
      // pg_depend files a generated column's expression under pg_attrdef too. The same expression over a
      // collation rebuilt under it is computed anew with the new one (17+; before 17 the table is rebuilt, see
      // rebuildForGenerated).
      const next = toCols.get(c.name);
      if (
        isTable &&
        d.major >= 17 &&
        c.generation !== null &&
        next?.generated === c.generated &&
        next.generation === c.generation &&
        d.spellsRebuiltCollation(c.generation)
      )
        d.plan.add('main', setColumnExpression(s, t, c.name, c.generation), defaults.changeId, [
          hazard('table_rewrite', `${s}.${t} is rewritten to compute ${c.name} with the new collation`),
          hazard('access_exclusive_lock', `${s}.${t} is locked while ${c.name} is computed`),
        ]);
    }
  const forcedDefault = (c: Column) => defaults !== undefined && c.default !== null;
  if (!isTable) {
    // Views: only column defaults (for inserts through the view) and comments are columns' own.
    for (const c of to.columns) {
      const f = fromCols.get(c.name);
      if (f === undefined) continue;
      if (f.default !== c.default && !forcedDefault(f))
        d.plan.add('main', setColumnDefault(s, t, c.name, c.default), change());
    }
    for (const r of restore) r();
    emitColumnFacts(d, from, to, change);
    emitColumnComments(d, from, to);
    return;
  }
  for (const f of from.columns) {
    if (toCols.has(f.name) && !regeneratedByDropAdd(d, from, f.name)) continue;
    if (inherited.has(f.name) && toCols.has(f.name)) continue;
    if (throughout || typed) continue;
    if (!toCols.has(f.name) && goesWithParents(d, from, to, f)) continue;
    d.plan.add('main', dropColumn(s, t, f.name), change(), [
      hazard('data_loss', `drops column ${s}.${t}.${f.name} and its values`),
      hazard('access_exclusive_lock', `${s}.${t} is locked`),
    ]);
  }
  for (const c of to.columns) {
    const f = fromCols.get(c.name);
    if (f !== undefined && !regeneratedByDropAdd(d, from, c.name)) {
      // Identities a parent gives or takes at ATTACH and DETACH are not the partition's to write.
      const own = ownIdentity(d.from, from, f);
      if (!inherited.has(c.name) || to.inherits.length > 0)
        alterColumn(d, from, own, ownIdentity(d.to, to, c), inherited.has(c.name), typed, change);
      else partitionIdentity(d, s, t, own, ownIdentity(d.to, to, c), change);
      continue;
    }
    if (throughout) continue;
    if (typed) {
      // Made by the type's ADD ATTRIBUTE … CASCADE (main): its options follow.
      if (c.default !== null && c.identity === null && c.generated === null)
        d.plan.add('late', setColumnDefault(s, t, c.name, c.default), change(), [], LATE.ownedBy);
      if (c.notNull) d.plan.add('late', setColumnNotNull(s, t, c.name, true), change(), [], LATE.ownedBy);
      continue;
    }
    const hazards: Hazard[] = [];
    if (c.identity !== null || c.generated === 'stored')
      hazards.push(hazard('table_rewrite', `${s}.${t} is rewritten to fill ${c.name}`));
    const seq = c.identity !== null ? d.to.lookup.identitySequences(s, t).get(c.name) : undefined;
    d.plan.add('main', addColumn(s, t, c, seq), change(), hazards);
  }
  for (const r of restore) r();
  emitColumnFacts(d, from, to, change);
  if (throughout) emitPartitionColumns(d, to, change);
  emitColumnComments(d, from, to);
}

/**
 * Whether an INHERITS child's column only inherited (not declared by the child too) goes with its parents' DROP
 * COLUMN: each parent that has it drops it, and the child keeps inheriting from each (NO INHERIT, made first, leaves
 * the column the child's own).
 */
function goesWithParents(d: Diff, from: Relation, to: Relation, f: Column): boolean {
  if (from.inherits.length === 0 || f.declared === true) return false;
  const kept = new Set(to.inherits.map((p) => relKey(p.schema, p.name)));
  let inherited = false;
  for (const p of from.inherits) {
    const key = relKey(p.schema, p.name);
    if (d.from.relations.get(key)?.columns.some((c) => c.name === f.name) !== true) continue;
    inherited = true;
    const next = d.to.relations.get(key);
    if (!kept.has(key) || next === undefined || next.columns.some((c) => c.name === f.name)) return false;
  }
  return inherited;
}

/** A partition's column facts its parent's ALTER reaches. */
type PartitionFact = 'default' | 'notNull';

/**
 * A partition's own column DEFAULT and NOT NULL where they are not what its parents' statements leave it: SET /
 * DROP DEFAULT and NOT NULL on a partitioned table reach its partitions, and its ADD COLUMN gives them its own. Late,
 * deeper partitions after shallower ones (a partitioned partition's statement reaches its partitions too).
 */
function emitPartitionColumns(d: Diff, to: Relation, change: () => string): void {
  const s = to.schema;
  const t = to.name;
  const rank = LATE.ownedBy + d.to.lookup.partitionDepth(to) / 100;
  const forced = d.memberRecreate(s, t, 'default') !== undefined;
  for (const c of to.columns) {
    const own = c.identity === null && c.generated === null && !forced;
    if (own && partitionFactAfter(d, to, c.name, 'default') !== c.default)
      d.plan.add('late', setColumnDefault(s, t, c.name, c.default), change(), [], rank);
    if (partitionFactAfter(d, to, c.name, 'notNull') !== c.notNull)
      d.plan.add('late', setColumnNotNull(s, t, c.name, c.notNull), change(), notNullHazards(s, t, c), rank);
  }
}

/**
 * What a column of TO's partition `r` has of `fact` once its parents' statements ran: its parent's, when one of them
 * sets it (or the column comes with the parent's ADD COLUMN), else its own as FROM has it.
 */
function partitionFactAfter(
  d: Diff,
  r: Relation,
  column: string,
  fact: PartitionFact,
): string | boolean | null {
  const was = d.from.relations.get(relKey(r.schema, r.name))?.columns.find((x) => x.name === column);
  const parent = stayingParent(d, r);
  const pc = parent?.columns.find((x) => x.name === column);
  if (parent === undefined || pc === undefined) return was?.[fact] ?? null;
  if (was === undefined || parentFactTouched(d, parent, pc, fact)) return pc[fact];
  return was[fact];
}

/** Whether a statement sets `fact` of a column of TO's relation `r`: its own, or one of its parents' reaching it. */
function parentFactTouched(d: Diff, r: Relation, c: Column, fact: PartitionFact): boolean {
  const parent = stayingParent(d, r);
  if (parent !== undefined) {
    const pc = parent.columns.find((x) => x.name === c.name);
    return (
      partitionFactAfter(d, r, c.name, fact) !== c[fact] ||
      (pc !== undefined && parentFactTouched(d, parent, pc, fact))
    );
  }
  const before = d.from.relations.get(relKey(r.schema, r.name));
  const f = before?.columns.find((x) => x.name === c.name);
  if (before === undefined || f === undefined) return true;
  // A retyped column's default is dropped and set again; a default forced out and back is too.
  const forced = d.memberRecreate(r.schema, r.name, 'default') !== undefined;
  if (fact === 'default' && f.default !== null && (retyped(f, c) || forced)) return true;
  return f[fact] !== c[fact];
}

/** TO's parent of a partition that stays its partition (the parent's ALTERs reach it), if it is one. */
function stayingParent(d: Diff, r: Relation): Relation | undefined {
  const p = r.partitionOf;
  const before = d.from.relations.get(relKey(r.schema, r.name))?.partitionOf;
  if (p === null || before?.schema !== p.schema || before.name !== p.name) return undefined;
  if (d.isRecreated(refs.relation(p.schema, p.name))) return undefined;
  return d.to.relations.get(relKey(p.schema, p.name));
}

function alterColumn(
  d: Diff,
  from: Relation,
  f: Column,
  c: Column,
  inherited: boolean,
  /** A typed table's column: its type's ALTER ATTRIBUTE … CASCADE retypes it. */
  typed: boolean,
  change: () => string,
): void {
  const s = from.schema;
  const t = from.name;
  const lock = hazard('access_exclusive_lock', `${s}.${t} is locked while ${c.name} changes`);
  const typeChanged = retyped(f, c) && !typed;
  const forcedDefault = d.memberRecreate(s, t, 'default') !== undefined && f.default !== null;
  if (typeChanged && !inherited) {
    // The old default may not cast to the new type: it goes first and comes back after.
    if (f.default !== null && c.generated === null && f.identity === null && !forcedDefault)
      d.plan.add('main', setColumnDefault(s, t, c.name, null), change());
    // A collation alone rebuilds the column's indexes, not the table; a foreign table stores no rows.
    const coercible = retypeWay(f, c, from.kind === 'foreign_table') === 'coercible';
    d.plan.add(
      'main',
      retypeStatement(s, t, f, c, from.kind === 'foreign_table'),
      change(),
      coercible
        ? [lock]
        : [
            hazard('table_rewrite', `${s}.${t} is rewritten: ${f.type.formatted} → ${c.type.formatted}`),
            lock,
          ],
    );
    if (
      c.default !== null &&
      c.generated === null &&
      c.identity === null &&
      !forcedDefault &&
      f.identity === null
    )
      d.plan.add('main', setColumnDefault(s, t, c.name, c.default), change());
  } else if (
    f.default !== c.default &&
    c.generated === null &&
    c.identity === null &&
    !forcedDefault &&
    f.identity === null
  )
    d.plan.add('main', setColumnDefault(s, t, c.name, c.default), change());
  if (f.generated !== c.generated || f.generation !== c.generation) {
    if (c.generated === null) d.plan.add('main', dropColumnExpression(s, t, c.name), change(), [lock]);
    else if (c.generation !== null)
      d.plan.add('main', setColumnExpression(s, t, c.name, c.generation), change(), [
        hazard('table_rewrite', `${s}.${t} is rewritten to compute ${c.name} anew`),
        lock,
      ]);
  }
  // An identity column is NOT NULL until its identity goes (DROP NOT NULL is refused before: 42P16).
  const identityDropped = f.identity !== null && c.identity === null;
  if (identityDropped) dropIdentity(d, s, t, f, c, forcedDefault, change);
  emitNotNull(d, from, f, c, inherited, change);
  if (f.identity !== c.identity && !identityDropped) {
    if (f.identity === null && c.identity !== null) {
      if (f.default !== null && !typeChanged)
        d.plan.add('main', setColumnDefault(s, t, c.name, null), change());
      // A serial's sequence the identity replaces (TO has an identity sequence of its name): dropped first, so
      // the identity's own takes that name and TO's options, then moved past the values the column holds.
      const sequence = d.to.lookup.identitySequences(s, t).get(c.name);
      const serial = sequence && d.from.sequences.get(relKey(sequence.schema, sequence.name));
      const replaces =
        serial !== undefined &&
        !serial.identity &&
        serial.ownedBy?.table === t &&
        serial.ownedBy.column === c.name;
      if (replaces)
        d.plan.addTo(
          refs.relation(s, t),
          'main',
          [dropObject(sequenceTarget(serial.schema, serial.name))],
          change(),
        );
      d.plan.add('main', setColumnIdentity(s, t, c.name, c.identity, sequence ? { sequence } : {}), change());
      if (replaces) d.plan.add('main', syncIdentitySequence(s, t, c.name), change());
    } else if (c.identity !== null)
      d.plan.add('main', setColumnIdentity(s, t, c.name, c.identity, { existing: true }), change());
  }
}

/**
 * A partition's own identity (before 17 a partition may have one; from 17 only a table about to be attached, and
 * ATTACH refuses it, so it goes first): its parent's ALTERs reach every other column fact.
 */
function partitionIdentity(d: Diff, s: string, t: string, f: Column, c: Column, change: () => string): void {
  if (f.identity === c.identity) return;
  if (c.identity === null) d.plan.add('main', setColumnIdentity(s, t, c.name, 'drop'), change());
  else if (f.identity === null) {
    const sequence = d.to.lookup.identitySequences(s, t).get(c.name);
    d.plan.add('main', setColumnIdentity(s, t, c.name, c.identity, sequence ? { sequence } : {}), change());
  } else d.plan.add('main', setColumnIdentity(s, t, c.name, c.identity, { existing: true }), change());
}

/**
 * DROP IDENTITY (it takes the identity's sequence along), then the column's default: a column that becomes a
 * serial gets TO's sequence of the identity's name made anew, linked to it and moved past the values it holds.
 */
function dropIdentity(
  d: Diff,
  s: string,
  t: string,
  f: Column,
  c: Column,
  defaultWritten: boolean,
  change: () => string,
): void {
  const serial = serialSequence(d, s, t, c.name);
  if (serial === undefined) {
    d.plan.add('main', setColumnIdentity(s, t, c.name, 'drop'), change());
    if (f.default !== c.default && c.default !== null && !defaultWritten)
      d.plan.add('main', setColumnDefault(s, t, c.name, c.default), change());
    return;
  }
  const id = change();
  const seq = refs.sequence(serial.schema, serial.name);
  const p = phasesToWrite(d, d.to, seq, id);
  if (p === null) return;
  // Linked before setval, which finds the sequence through the link (pg_get_serial_sequence).
  const linked = (l: { rank: number }) => l.rank === LATE.ownedBy;
  d.plan.addTo(
    refs.relation(s, t),
    'main',
    [
      setColumnIdentity(s, t, c.name, 'drop'),
      ...p.create,
      ...p.late.filter(linked).map((l) => l.statement),
      ...(defaultWritten ? [] : [setColumnDefault(s, t, c.name, c.default)]),
      syncIdentitySequence(s, t, c.name),
    ],
    id,
  );
  for (const l of p.late.filter((x) => !linked(x))) d.plan.add('late', l.statement, id, [], l.rank);
  if (d.wants('grant')) d.plan.add('acl', p.acl, id);
  // Its privileges come whole with it (emit-acl compares no more).
  d.markDropped(seq, id);
}

/** TO's sequence owned by the column under the name FROM's identity sequence has (identity → serial). */
function serialSequence(d: Diff, s: string, t: string, column: string): Sequence | undefined {
  const identity = d.from.lookup.identitySequences(s, t).get(column);
  const next = identity && d.to.sequences.get(relKey(identity.schema, identity.name));
  return next !== undefined &&
    !next.identity &&
    next.ownedBy?.table === t &&
    next.ownedBy.schema === s &&
    next.ownedBy.column === column
    ? next
    : undefined;
}

/**
 * NOT NULL. From 18 it is a constraint of its own, compared where both sides have it: made under TO's name,
 * NOT VALID or NO INHERIT; renamed where the relation declares it itself (one only
 * inherited follows its parent's rename and refuses its own, 42P16); validated; or its inheritance set.
 */
function emitNotNull(
  d: Diff,
  from: Relation,
  f: Column,
  c: Column,
  inherited: boolean,
  change: () => string,
): void {
  const s = from.schema;
  const t = from.name;
  const a = f.notNullConstraint;
  const b = c.notNullConstraint;
  if (f.notNull !== c.notNull) {
    if (inherited) return;
    // Under its name: SET NOT NULL's may be taken in the schema (a rebuilt table's old copy), and get a digit.
    if (c.notNull && b !== undefined)
      d.plan.add(
        'main',
        addNotNullConstraint(s, t, c.name, b),
        change(),
        b.validated ? notNullHazards(s, t, c) : [],
      );
    else d.plan.add('main', setColumnNotNull(s, t, c.name, c.notNull), change(), notNullHazards(s, t, c));
    return;
  }
  if (!c.notNull || a === undefined || b === undefined) return;
  // One made NOT VALID is dropped and added under TO's name.
  const renamed = a.local && a.name !== b.name && !(a.validated && !b.validated);
  if (renamed) d.plan.add('main', renameConstraint(s, t, a.name, b.name), change());
  const name = renamed ? b.name : a.name;
  if (a.validated !== b.validated) {
    if (b.validated) d.plan.add('main', validateConstraint(s, t, name), change(), notNullHazards(s, t, c));
    else
      d.plan.add(
        'main',
        [setColumnNotNull(s, t, c.name, false), addNotNullConstraint(s, t, c.name, b)],
        change(),
      );
  }
  if (a.noInherit !== b.noInherit && (b.validated || a.validated === b.validated))
    d.plan.add('main', setConstraintInherit(s, t, name, !b.noInherit), change());
}

/** SET NOT NULL scans the table for nulls under its lock. */
function notNullHazards(s: string, t: string, c: Column): Hazard[] {
  return c.notNull
    ? [hazard('access_exclusive_lock', `${s}.${t} is scanned for nulls in ${c.name} under lock`)]
    : [];
}

function emitColumnComments(d: Diff, from: Relation, to: Relation): void {
  if (!d.wants('comment')) return;
  const fromCols = byName(from.columns);
  for (const c of to.columns) {
    const before = fromCols.get(c.name)?.comment ?? null;
    if (before === c.comment) continue;
    const target = columnTarget(to.schema, to.name, c.name);
    const id = d.plan.change({
      action: 'alter',
      kind: 'comment',
      object: target.object,
      summary: `comment on column ${to.schema}.${to.name}.${c.name}`,
    });
    d.plan.add('main', commentOn(target, c.comment), id);
  }
}

/** The columns of a table that are dropped and added again (generated ones whose expression cannot change in place). */
function readdedColumns(d: Diff, from: Relation): ReadonlySet<string> {
  return new Set(from.columns.filter((c) => regeneratedByDropAdd(d, from, c.name)).map((c) => c.name));
}

// ------------------------------------------------------------------------------------------------ constraints

const constraintBody = (k: Constraint) => [k.kind, k.definition, k.deferrable, k.deferred];

function emitConstraints(d: Diff, from: Relation, to: Relation): void {
  const s = to.schema;
  const t = to.name;
  const forced = d.memberRecreate(s, t, 'constraint');
  // Copies made by PostgreSQL (a partition's share of its parent's key; while the table stays a child, a check only
  // copied from its parent) change with the parent's statements: the child's own DROP is refused (42P16). A
  // table detached or taken out of INHERITS keeps its copies as its own, so they are compared as such.
  const child = (r: Relation) => r.inherits.length > 0 || r.partitionOf !== null;
  const stillChild = child(from) && child(to);
  const copied = (k: Constraint) => k.inherited || (stillChild && k.local === false);
  // A partition detached (for good, for another parent or bound, or while its parent is recreated) keeps its
  // share of the parent's key as its own: the parent's DROP CONSTRAINT no longer takes it.
  const stays = staysPartition(d, from, to);
  const detached = from.partitionOf !== null && !stays;
  const readded = readdedColumns(d, from);
  // A table attached in this migration keeps a key or foreign key of its own that TO has as its share of the
  // parent's: ATTACH adopts it (dropped, its index would be built again under lock).
  const attaching = to.partitionOf !== null && !stays;
  const adopted = (k: Constraint) =>
    attaching &&
    to.constraints.some(
      (x) => x.inherited && x.name === k.name && same(constraintBody(x), constraintBody(k)),
    );
  const fromK = byName(
    from.constraints.filter((k) => (!copied(k) || (detached && k.inherited)) && !adopted(k)),
  );
  const toK = byName(to.constraints.filter((k) => !copied(k)));
  const dropped = new Set<string>();
  const ref = (name: string) => refs.member('constraint', s, t, name);
  // An INHERITS child's copy of its parent's check goes and comes back with the parent's (the child's own DROP
  // is refused).
  const parentChecks = new Set(
    from.inherits.flatMap(
      (p) => d.from.relations.get(relKey(p.schema, p.name))?.constraints.map((k) => k.name) ?? [],
    ),
  );
  // A check the child holds as its own and as its parent's (made on its own, then INHERIT) where TO has the parent's
  // copy alone: no statement makes it a copy only (its DROP is refused: inherited), only a rebuild with INHERITS.
  const ownAndCopied = (k: Constraint) =>
    stillChild &&
    k.kind === 'check' &&
    k.local !== false &&
    parentChecks.has(k.name) &&
    to.constraints.some(
      (x) => x.name === k.name && x.local === false && same(constraintBody(x), constraintBody(k)),
    );
  for (const [name, k] of fromK) {
    if (ownAndCopied(k)) {
      const id = d.plan.change({
        action: 'alter',
        kind: 'constraint',
        object: ref(name),
        summary: `constraint ${name} on ${s}.${t}: the parent's copy only`,
      });
      d.unwritable.push({
        changeId: id,
        object: ref(name),
        reason: `${s}.${t} holds ${name} as its own as well as its parent's copy, and no ALTER makes it the copy alone.`,
        hint: `Recreate ${s}.${t} with INHERITS by hand (its rows copied), or leave it: the check is the same.`,
      });
      continue;
    }
    const next = toK.get(name);
    const validating =
      next !== undefined && !k.validated && next.validated && k.definition === `${next.definition} NOT VALID`;
    const changed = next === undefined || (!same(constraintBody(k), constraintBody(next)) && !validating);
    const isForced =
      forced !== undefined &&
      !parentChecks.has(name) &&
      (k.kind === 'check' || k.kind === 'foreign_key' || d.spellsRebuiltCollation(k.definition));
    // DROP COLUMN takes the constraints on a column that is dropped and added again (a generated one).
    const onReadded = !changed && k.columns.some((c) => readded.has(c));
    if (!changed && !isForced && !onReadded) {
      if (validating) {
        const id = d.plan.change({
          action: 'alter',
          kind: 'constraint',
          object: ref(name),
          summary: `validate ${name} on ${s}.${t}`,
        });
        d.plan.add(
          'late',
          validateConstraint(s, t, name),
          id,
          [hazard('access_exclusive_lock', `${s}.${t} is scanned to validate ${name}`)],
          LATE.foreignKey + 0.5,
        );
      }
      continue;
    }
    const id = changed
      ? d.plan.change({
          action: next === undefined ? 'drop' : 'alter',
          kind: 'constraint',
          object: ref(name),
          summary: `${next === undefined ? 'drop' : 'change'} constraint ${name} on ${s}.${t}`,
          fromSql: `${k.definition}`,
          toSql: next?.definition ?? null,
        })
      : isForced
        ? (forced?.changeId ?? '')
        : columnChangeId(d, refs.relation(s, t));
    dropped.add(name);
    d.plan.add('drop', dropConstraint(s, t, name), id);
    if (next !== undefined) addLate(d, s, t, next, id);
    if (k.kind === 'primary_key' || k.kind === 'unique') recreateReferencingKeys(d, from, k.columns, id);
  }
  for (const [name, k] of toK) {
    if (fromK.has(name)) continue;
    const id = d.plan.change({
      action: 'add',
      kind: 'constraint',
      object: ref(name),
      summary: `add constraint ${name} on ${s}.${t}`,
      toSql: k.definition,
    });
    // A parent's check on a table that INHERITs it in this migration: INHERIT (main) wants it there first.
    if (k.kind === 'check' && k.local === false && gainsParent(from, to))
      d.plan.add('main', addConstraint(s, t, k), id, [
        hazard('access_exclusive_lock', `${s}.${t} is scanned to check ${k.name}`),
      ]);
    else addLate(d, s, t, k, id);
  }
  if (d.wants('comment'))
    for (const [name, k] of toK) {
      const before = fromK.get(name)?.comment ?? null;
      if (before === k.comment && !dropped.has(name)) continue;
      if (k.comment === null && (dropped.has(name) || !fromK.has(name))) continue;
      const id = d.plan.change({
        action: 'alter',
        kind: 'comment',
        object: ref(name),
        summary: `comment on constraint ${name} of ${s}.${t}`,
      });
      d.plan.add('late', commentOn(constraintTarget(s, t, name), k.comment), id, [], LATE.comment);
    }
  // The comment on a key's index: emitIndexes leaves those indexes to their constraint, which may recreate them.
  if (d.wants('comment'))
    for (const [name, k] of toK) {
      if (k.index === null) continue;
      const comment = to.indexes.find((i) => i.name === k.index)?.comment ?? null;
      const fresh = dropped.has(name) || !fromK.has(name);
      const before = fresh ? null : (from.indexes.find((i) => i.name === k.index)?.comment ?? null);
      if (comment === before) continue;
      const id = d.plan.change({
        action: 'alter',
        kind: 'comment',
        object: refs.member('index', s, t, k.index),
        summary: `comment on index ${k.index} of ${s}.${t}`,
      });
      d.plan.add('late', commentOn(indexTarget(s, t, k.index), comment), id, [], LATE.comment);
    }
}

/**
 * A foreign key rests on the referenced table's unique index over its columns: when that key or index is dropped
 * (changed, renamed, turned from a constraint into a plain index or back), the foreign keys referencing those
 * columns that otherwise stay go first and come back after (2BP01). Those changing, or going with their table,
 * are written by their own table.
 */
function recreateReferencingKeys(
  d: Diff,
  table: Relation,
  columns: readonly (string | null)[],
  changeId: string,
): void {
  if (columns.includes(null)) return;
  const key = [...columns].sort().join('\0');
  for (const r of referencingTables(d).get(relKey(table.schema, table.name)) ?? []) {
    const rk = refs.relation(r.schema, r.name);
    if (d.isDropped(rk) || d.rebuilt.has(refKey(rk))) continue;
    if (d.memberRecreate(r.schema, r.name, 'constraint') !== undefined) continue;
    const next = d.to.relations.get(relKey(r.schema, r.name));
    for (const k of r.constraints) {
      const fk = k.foreignKey;
      if (k.kind !== 'foreign_key' || k.inherited || fk === null) continue;
      if (fk.table.schema !== table.schema || fk.table.name !== table.name) continue;
      if ([...fk.columns].sort().join('\0') !== key) continue;
      const kept = next?.constraints.find((x) => x.name === k.name);
      if (kept === undefined || !same(constraintBody(k), constraintBody(kept))) continue;
      const once = `${refKey(rk)}\0${k.name}`;
      if (d.foreignKeysRecreated.has(once)) continue;
      d.foreignKeysRecreated.add(once);
      d.plan.add('drop', dropConstraint(r.schema, r.name, k.name), changeId);
      addLate(d, r.schema, r.name, kept, changeId);
    }
  }
}

/** Whether the table INHERITs a parent in TO it does not in FROM. */
function gainsParent(from: Relation, to: Relation): boolean {
  return to.inherits.some((p) => !from.inherits.some((q) => q.schema === p.schema && q.name === p.name));
}

function addLate(d: Diff, s: string, t: string, k: Constraint, id: string): void {
  const hazards =
    k.kind === 'foreign_key' || k.kind === 'check'
      ? k.validated
        ? [hazard('access_exclusive_lock', `${s}.${t} is scanned to check ${k.name}`)]
        : []
      : [hazard('access_exclusive_lock', `${s}.${t} is locked while the index of ${k.name} is built`)];
  d.plan.add(
    'late',
    addConstraint(s, t, k),
    id,
    hazards,
    k.kind === 'foreign_key' ? LATE.foreignKey : LATE.notValid,
  );
}

// ------------------------------------------------------------------------------------------------ indexes

/** Returns the indexes dropped and made again. */
function emitIndexes(d: Diff, from: Relation, to: Relation): ReadonlySet<string> {
  const s = to.schema;
  const t = to.name;
  const forced = d.memberRecreate(s, t, 'index');
  // A key's index comes and goes with its constraint, on each side: a plain unique index that replaces a
  // constraint of its name (or the other way round) is created (dropped) on its own.
  const keyIndexes = (r: Relation) => new Set(r.constraints.map((k) => k.index).filter((i) => i !== null));
  const fromKeys = keyIndexes(from);
  const toKeys = keyIndexes(to);
  const readded = readdedColumns(d, from);
  const fromI = byName(from.indexes.filter((i) => !fromKeys.has(i.name)));
  const toI = byName(to.indexes.filter((i) => !toKeys.has(i.name)));
  // An index attached to the parent's goes with it (its own DROP is refused) while the table stays a partition of
  // that parent; a table detached first (see emitPartitioning) drops it as its own.
  const stillPartition =
    from.partitionOf !== null &&
    from.partitionOf.schema === to.partitionOf?.schema &&
    from.partitionOf.name === to.partitionOf.name;
  const goesWithParent = (i: Index) => stillPartition && i.attachedTo !== undefined;
  const depth = d.to.lookup.partitionDepth(to);
  // A table attached in this migration: its share of the parent's indexes is made before ATTACH, which then adopts
  // it under TO's name (made by ATTACH instead, it would stand beside this one).
  const attaching = to.partitionOf !== null && !stillPartition;
  const rankOf = (i: Index) =>
    attaching && i.attachedTo !== undefined ? LATE.ownedBy + 0.5 : LATE.index + (64 - depth) / 100;
  const ref = (name: string) => refs.member('index', s, t, name);
  const recreatedNames = new Set<string>();
  for (const [name, i] of fromI) {
    const next = toI.get(name);
    // An index attached to its parent's that TO keeps on its own: the parent's DROP INDEX takes it along, so it
    // is made again after.
    const released = next !== undefined && goesWithParent(i) && next.attachedTo === undefined;
    const changed = next === undefined || next.definition !== i.definition || released;
    const isForced =
      forced !== undefined &&
      (i.columns.includes(null) || i.predicate !== null || d.spellsRebuiltCollation(i.definition));
    // DROP COLUMN takes the indexes using a column dropped and added again (an expression may use it too).
    const onReadded =
      !changed &&
      readded.size > 0 &&
      (i.columns.includes(null) ||
        i.predicate !== null ||
        [...i.columns, ...i.include].some((c) => c !== null && readded.has(c)));
    if (!changed && !isForced && !onReadded) continue;
    const id = changed
      ? d.plan.change({
          action: next === undefined ? 'drop' : 'alter',
          kind: 'index',
          object: ref(name),
          summary: `${next === undefined ? 'drop' : 'change'} index ${name} on ${s}.${t}`,
          fromSql: i.definition,
          toSql: next?.definition ?? null,
        })
      : isForced
        ? (forced?.changeId ?? '')
        : columnChangeId(d, refs.relation(s, t));
    recreatedNames.add(name);
    if (!goesWithParent(i)) d.plan.add('drop', dropIndex(s, t, name), id);
    if (i.unique && i.predicate === null) recreateReferencingKeys(d, from, i.columns, id);
    if (next !== undefined) {
      d.plan.add('late', createIndexFromDefinition(s, t, next, { recurse: true }), id, [], rankOf(next));
      d.plan.add('late', indexStatisticsStatements(s, t, next), id, [], rankOf(next));
    }
  }
  for (const [name, i] of toI) {
    if (fromI.has(name)) continue;
    const id = d.plan.change({
      action: 'add',
      kind: 'index',
      object: ref(name),
      summary: `create index ${name} on ${s}.${t}`,
      toSql: i.definition,
    });
    d.plan.add('late', createIndexFromDefinition(s, t, i, { recurse: true }), id, [], rankOf(i));
    d.plan.add('late', indexStatisticsStatements(s, t, i), id, [], rankOf(i));
  }
  emitIndexStatistics(d, from, to, recreatedNames);
  if (d.wants('comment'))
    for (const [name, i] of toI)
      commentIfChanged(
        d,
        fromI.get(name),
        i,
        recreatedNames.has(name) || !fromI.has(name),
        () => commentOn(indexTarget(s, t, name), i.comment),
        ref(name),
        `comment on index ${name}`,
      );
  return recreatedNames;
}

/** Statistics targets of index columns, on the indexes that stay as they are (every index, constraints' too). */
function emitIndexStatistics(d: Diff, from: Relation, to: Relation, recreated: ReadonlySet<string>): void {
  const fromI = byName(from.indexes);
  for (const i of to.indexes) {
    const f = fromI.get(i.name);
    if (f === undefined || recreated.has(i.name) || f.definition !== i.definition) continue;
    const before = new Map((f.statistics ?? []).map((x) => [x.column, x.target]));
    const after = new Map((i.statistics ?? []).map((x) => [x.column, x.target]));
    const columns = [...new Set([...before.keys(), ...after.keys()])].filter(
      (c) => before.get(c) !== after.get(c),
    );
    if (columns.length === 0) continue;
    const id = d.plan.change({
      action: 'alter',
      kind: 'index',
      object: refs.member('index', to.schema, to.name, i.name),
      summary: `statistics targets of index ${i.name} on ${to.schema}.${to.name}`,
    });
    for (const c of columns)
      d.plan.add(
        'late',
        setIndexColumnStatistics(to.schema, to.name, i.name, c, after.get(c) ?? null),
        id,
        [],
        LATE.index,
      );
  }
}

function commentIfChanged(
  d: Diff,
  before: { comment: string | null } | undefined,
  after: { comment: string | null },
  created: boolean,
  write: () => ReturnType<typeof commentOn>,
  object: ReturnType<typeof refs.member>,
  summary: string,
): void {
  if (created ? after.comment === null : (before?.comment ?? null) === after.comment) return;
  const id = d.plan.change({ action: 'alter', kind: 'comment', object, summary });
  d.plan.add('late', write(), id, [], LATE.comment);
}

// ------------------------------------------------------------------------------------------------ triggers

function clonedTrigger(d: Diff, r: Relation, name: string, side: 'from' | 'to'): boolean {
  const rels = side === 'from' ? d.from.relations : d.to.relations;
  for (let parent = r.partitionOf, n = 0; parent !== null && n < 64; n++) {
    const pr = rels.get(relKey(parent.schema, parent.name));
    if (pr === undefined) return false;
    if (pr.triggers.some((t) => t.name === name)) return true;
    parent = pr.partitionOf;
  }
  return false;
}

function emitTriggers(d: Diff, from: Relation, to: Relation): void {
  const s = to.schema;
  const t = to.name;
  const forced = d.memberRecreate(s, t, 'trigger');
  const fromT = byName(from.triggers.filter((x) => !clonedTrigger(d, from, x.name, 'from')));
  const toT = byName(to.triggers.filter((x) => !clonedTrigger(d, to, x.name, 'to')));
  const ref = (name: string) => refs.member('trigger', s, t, name);
  const created = new Set<string>();
  const create = (x: Trigger, id: string) => {
    created.add(x.name);
    d.plan.add('late', createTrigger(s, t, x), id, [], LATE.trigger);
    if (x.enabled !== 'origin')
      d.plan.add('late', setTriggerEnabled(s, t, x.name, x.enabled), id, [], LATE.trigger);
  };
  for (const [name, x] of fromT) {
    const next = toT.get(name);
    const changed = next === undefined || next.definition !== x.definition;
    if (!changed && forced === undefined) {
      if (next !== undefined && next.enabled !== x.enabled) {
        const id = d.plan.change({
          action: 'alter',
          kind: 'trigger',
          object: ref(name),
          summary: `trigger ${name} on ${s}.${t}: ${next.enabled}`,
        });
        d.plan.add('late', setTriggerEnabled(s, t, name, next.enabled), id, [], LATE.trigger);
      }
      continue;
    }
    const id = changed
      ? d.plan.change({
          action: next === undefined ? 'drop' : 'alter',
          kind: 'trigger',
          object: ref(name),
          summary: `${next === undefined ? 'drop' : 'change'} trigger ${name} on ${s}.${t}`,
          fromSql: x.definition,
          toSql: next?.definition ?? null,
        })
      : (forced?.changeId ?? '');
    d.plan.add('drop', dropObject(triggerTarget(s, t, name)), id);
    if (next !== undefined) create(next, id);
  }
  for (const [name, x] of toT) {
    if (fromT.has(name)) continue;
    const id = d.plan.change({
      action: 'add',
      kind: 'trigger',
      object: ref(name),
      summary: `create trigger ${name} on ${s}.${t}`,
      toSql: x.definition,
    });
    create(x, id);
  }
  if (d.wants('comment'))
    for (const [name, x] of toT)
      commentIfChanged(
        d,
        fromT.get(name),
        x,
        created.has(name),
        () => commentOn(triggerTarget(s, t, name), x.comment),
        ref(name),
        `comment on trigger ${name}`,
      );
  emitClonedTriggers(d, to);
}

/**
 * The enabled state of a partition's clones of its parents' triggers (ALTER TABLE partition DISABLE / ENABLE …
 * TRIGGER on the clone alone). A parent's ENABLE / DISABLE reaches its partitions' clones, and a clone takes its
 * parent's state when it is made (CREATE TRIGGER, ATTACH): each clone is set where what it has after its parents'
 * statements is not TO's, deeper partitions after shallower ones.
 */
function emitClonedTriggers(d: Diff, to: Relation): void {
  const rank = LATE.trigger + d.to.lookup.partitionDepth(to) / 100;
  for (const x of to.triggers) {
    if (!clonedTrigger(d, to, x.name, 'to') || cloneStateAfter(d, to, x.name) === x.enabled) continue;
    const id = d.plan.change({
      action: 'alter',
      kind: 'trigger',
      object: refs.member('trigger', to.schema, to.name, x.name),
      summary: `trigger ${x.name} on partition ${to.schema}.${to.name}: ${x.enabled}`,
    });
    d.plan.add('late', setTriggerEnabled(to.schema, to.name, x.name, x.enabled), id, [], rank);
  }
}

/**
 * What a partition's clone of a trigger is once its parents' statements ran: the state of the nearest parent one of
 * them sets (it reaches every partition below), else the clone's own as FROM has it, or its parent's for a clone
 * made by this migration (or made again: a partition detached meanwhile is cloned anew at its ATTACH).
 */
function cloneStateAfter(d: Diff, r: Relation, name: string): Trigger['enabled'] {
  let parent: Relation | undefined;
  for (let at = r.partitionOf, n = 0; at !== null && n < 64; n++) {
    const p = d.to.relations.get(relKey(at.schema, at.name));
    const trigger = p?.triggers.find((x) => x.name === name);
    if (p === undefined || trigger === undefined) break;
    parent ??= p;
    if (triggerStateWritten(d, p, trigger)) return trigger.enabled;
    at = p.partitionOf;
  }
  const before = d.from.relations.get(relKey(r.schema, r.name));
  const was = before?.triggers.find((x) => x.name === name);
  if (
    before !== undefined &&
    was !== undefined &&
    clonedTrigger(d, before, name, 'from') &&
    staysPartition(d, before, r)
  )
    return was.enabled;
  return parent?.triggers.find((x) => x.name === name)?.enabled ?? 'origin';
}

/** Whether the migration sets a trigger's state on TO's relation `r` (making it, or ENABLE / DISABLE on it). */
function triggerStateWritten(d: Diff, r: Relation, x: Trigger): boolean {
  if (clonedTrigger(d, r, x.name, 'to')) return cloneStateAfter(d, r, x.name) !== x.enabled;
  const ref = refKey(refs.relation(r.schema, r.name));
  const before = d.from.relations.get(relKey(r.schema, r.name));
  const was = before?.triggers.find((y) => y.name === x.name);
  return (
    before === undefined ||
    was === undefined ||
    clonedTrigger(d, before, x.name, 'from') ||
    d.recreated.has(ref) ||
    d.rebuilt.has(ref) ||
    d.memberRecreate(r.schema, r.name, 'trigger') !== undefined ||
    was.definition !== x.definition ||
    was.enabled !== x.enabled
  );
}

// ------------------------------------------------------------------------------------------------ RLS & policies

function emitRls(d: Diff, from: Relation, to: Relation): void {
  const s = to.schema;
  const t = to.name;
  if (from.rlsEnabled === to.rlsEnabled && from.rlsForced === to.rlsForced) return;
  const id = d.plan.change({
    action: 'alter',
    kind: 'rls',
    object: refs.relation(s, t),
    summary: `row level security on ${s}.${t}: ${to.rlsEnabled ? 'enabled' : 'disabled'}${to.rlsForced ? ', forced' : ''}`,
  });
  if (from.rlsEnabled !== to.rlsEnabled)
    d.plan.add('late', setRowLevelSecurity(s, t, to.rlsEnabled ? 'enable' : 'disable'), id, [], LATE.rls);
  if (from.rlsForced !== to.rlsForced)
    d.plan.add('late', setRowLevelSecurity(s, t, to.rlsForced ? 'force' : 'no_force'), id, [], LATE.rls);
}

const policyBody = (p: Policy) => [p.permissive, p.command, p.roles, p.using, p.withCheck];

function emitPolicies(d: Diff, from: Relation, to: Relation): void {
  const s = to.schema;
  const t = to.name;
  const forced = d.memberRecreate(s, t, 'policy');
  const fromP = byName(d.from.policies.get(relKey(s, t)) ?? []);
  const toP = byName(d.to.policies.get(relKey(s, t)) ?? []);
  const wants = d.wants('policy');
  const ref = (name: string) => refs.member('policy', s, t, name);
  const created = new Set<string>();
  const create = (p: Policy, id: string) => {
    created.add(p.name);
    d.plan.add('late', createPolicy(p), id, [], LATE.policy);
    if (p.comment !== null) d.plan.add('late', commentOnPolicy(p, p.comment), id, [], LATE.policy);
  };
  for (const [name, p] of fromP) {
    const next = toP.get(name);
    const changed = wants && (next === undefined || !same(policyBody(p), policyBody(next)));
    if (!changed && forced === undefined) continue;
    if (!changed && next === undefined) continue;
    if (changed && forced === undefined && next !== undefined) {
      const alter = policyAlter(p, next);
      if (alter !== null) {
        const id = d.plan.change({
          action: 'alter',
          kind: 'policy',
          object: ref(name),
          summary: `alter policy ${name} on ${s}.${t}`,
          fromSql: createPolicy(p).sql,
          toSql: createPolicy(next).sql,
        });
        d.plan.add('late', alterPolicy(next, alter), id, [], LATE.policy);
        continue;
      }
    }
    const id = changed
      ? d.plan.change({
          action: next === undefined ? 'drop' : 'alter',
          kind: 'policy',
          object: ref(name),
          summary: `${next === undefined ? 'drop' : 'recreate'} policy ${name} on ${s}.${t}`,
          fromSql: createPolicy(p).sql,
          toSql: next !== undefined ? createPolicy(next).sql : null,
        })
      : (forced?.changeId ?? '');
    d.plan.add('drop', dropPolicy(p), id);
    if (next !== undefined) create(next, id);
  }
  if (wants)
    for (const [name, p] of toP) {
      if (fromP.has(name)) continue;
      const id = d.plan.change({
        action: 'add',
        kind: 'policy',
        object: ref(name),
        summary: `create policy ${name} on ${s}.${t}`,
        toSql: createPolicy(p).sql,
      });
      create(p, id);
    }
  if (d.wants('comment'))
    for (const [name, p] of toP) {
      if (created.has(name)) continue;
      if ((fromP.get(name)?.comment ?? null) === p.comment) continue;
      const id = d.plan.change({
        action: 'alter',
        kind: 'comment',
        object: ref(name),
        summary: `comment on policy ${name}`,
      });
      d.plan.add('late', commentOnPolicy(p, p.comment), id, [], LATE.comment);
    }
}

/** What ALTER POLICY can change in place: roles and expressions, never the command, kind or a removed clause. */
function policyAlter(a: Policy, b: Policy): PolicyChange | null {
  if (a.permissive !== b.permissive || a.command !== b.command) return null;
  if ((a.using !== null && b.using === null) || (a.withCheck !== null && b.withCheck === null)) return null;
  const change: { roles?: Policy['roles']; using?: string; withCheck?: string } = {};
  if (!same(a.roles, b.roles)) change.roles = b.roles;
  if (a.using !== b.using && b.using !== null) change.using = b.using;
  if (a.withCheck !== b.withCheck && b.withCheck !== null) change.withCheck = b.withCheck;
  return change;
}

// ------------------------------------------------------------------------------------------------ partitions

/**
 * Whether the table is a partition of the same parent, under the same bound, all through the migration. Any other
 * is detached first (its rows kept) and attached again: to a parent that is recreated (its rows kept), under a new
 * bound, or to another parent.
 */
function staysPartition(d: Diff, from: Relation, to: Relation): boolean {
  const p = from.partitionOf;
  return (
    p !== null &&
    p.schema === to.partitionOf?.schema &&
    p.name === to.partitionOf.name &&
    from.partitionBound === to.partitionBound &&
    !d.isRecreated(refs.relation(p.schema, p.name))
  );
}

/**
 * 18+: the NOT NULL constraints of a partition named otherwise in TO, as renames to make while it is detached
 * (detached, they are its own; ATTACH keeps their names). An inherited one cannot be renamed (42P16). A partition
 * that leaves its parent (`detached`) is detached first and holds FROM's names then; one that stays is detached for
 * them only after its parent's statements, whose copies it then holds: the parent's names, renamed along with the
 * parent's own or given by its ADD COLUMN and SET NOT NULL.
 */
function notNullRenames(
  d: Diff,
  from: Relation,
  to: Relation,
  detached: boolean,
): { from: string; to: string }[] {
  if (from.partitionOf === null) return [];
  const parentFrom = d.from.relations.get(relKey(from.partitionOf.schema, from.partitionOf.name));
  const parentTo = to.partitionOf && d.to.relations.get(relKey(to.partitionOf.schema, to.partitionOf.name));
  const fromCols = byName(from.columns);
  const renames: { from: string; to: string }[] = [];
  for (const c of to.columns) {
    const a = fromCols.get(c.name)?.notNullConstraint;
    const b = c.notNullConstraint;
    if (b === undefined) continue;
    // A detached table's own is renamed with its column (emitNotNull), and a partition's own one in TO is set
    // apart from its parent's (emitPartitionColumns): only inherited copies here.
    if (to.partitionOf === null ? a === undefined || a.local : b.local) continue;
    let held = a?.name;
    if (!detached) {
      const pa = parentFrom?.columns.find((x) => x.name === c.name)?.notNullConstraint;
      const pb = parentTo?.columns.find((x) => x.name === c.name)?.notNullConstraint;
      held = a === undefined || (pa !== undefined && a.name === pa.name) ? pb?.name : a.name;
    }
    if (held !== undefined && held !== b.name) renames.push({ from: held, to: b.name });
  }
  return renames;
}

function emitPartitioning(d: Diff, from: Relation, to: Relation): void {
  const s = to.schema;
  const t = to.name;
  const ref = refs.relation(s, t);
  const samePartition = (from.partitionOf === null && to.partitionOf === null) || staysPartition(d, from, to);
  const renames = notNullRenames(d, from, to, !samePartition);
  if (!samePartition || renames.length > 0) {
    const id = d.plan.change({
      action: 'alter',
      kind: 'table',
      object: ref,
      summary: samePartition
        ? `NOT NULL constraints of the partition ${s}.${t}: ${renames.map((r) => r.to).join(', ')}`
        : `partition of ${s}.${t}: ${to.partitionOf === null ? 'detached' : `${to.partitionOf.schema}.${to.partitionOf.name} ${to.partitionBound ?? ''}`}`,
    });
    // Detached, its inherited NOT NULL constraints are its own and can be renamed; ATTACH keeps their names. One
    // that stays a partition is detached for them once its parent's statements have given it their copies.
    if (samePartition && from.partitionOf !== null)
      d.plan.add('main', detachPartition(from.partitionOf, from), id);
    for (const r of renames) d.plan.add('main', renameConstraint(s, t, r.from, r.to), id);
    // A table leaves its parent before anything of the parent changes: the parent's DROP CONSTRAINT would
    // otherwise take the copies the table keeps as its own once detached (and a dropped parent, the table). It
    // heads its own drops (a copy it drops is refused while attached), after the foreign keys that reference it
    // are dropped (DETACH refuses to leave a referenced row behind, 23503); its parent's drops and changes follow.
    if (from.partitionOf !== null && !samePartition)
      d.plan.addFirst(ref, 'drop', detachPartition(from.partitionOf, from), id);
    if (to.partitionOf !== null && to.partitionBound !== null)
      d.plan.add(
        'late',
        attachPartition(to.partitionOf, to, to.partitionBound),
        id,
        [hazard('access_exclusive_lock', `${s}.${t} is scanned to check the partition bound`)],
        LATE.attach,
      );
  }
  const key = (p: { schema: string; name: string }) => `${p.schema}.${p.name}`;
  const before = new Set(from.inherits.map(key));
  const after = new Set(to.inherits.map(key));
  if (!same([...before], [...after])) {
    const id = d.plan.change({
      action: 'alter',
      kind: 'table',
      object: ref,
      summary: `inheritance of ${s}.${t}: ${[...after].join(', ') || 'none'}`,
    });
    for (const p of from.inherits)
      if (!after.has(key(p))) d.plan.add('first', setInheritance(s, t, p, false), id);
    for (const p of to.inherits)
      if (!before.has(key(p))) d.plan.add('main', setInheritance(s, t, p, true), id);
  }
}

export type { Index };
