import type { Change } from '../../../shared/diff/migration.js';
import { refKey, type ObjectRef, type QualifiedName } from '../../../shared/model/catalog.js';
import { defaultMultirangeName } from '../../ddl/names.js';
import type { Diff } from './context.js';
import { topRef, type Planned } from './plan.js';
import { relKey, type Side } from './side.js';

/**
 * Some differences have no statement of their own: another change's statements make them. A partition's
 * columns change with its parent's ALTER, an INHERITS child's copy of a check goes and comes back with the
 * parent's, a typed table's columns change with its type's ALTER … CASCADE, a partition's index goes with its
 * parent's, a multirange is dropped with its range, a rebuilt table brings back its keys and defaults, a new
 * table's CREATE STATISTICS writes statistics that were on a table dropped. Such a change is attached to the
 * statements that write it, so the review shows them and their hazards, and ticking it out leaves them out.
 * It requires the change that carries it; where it cannot be parted from that change (the statements are the
 * carrier's own, not the object's), the carrier requires it back. Runs after every kind's diff.
 */
export function linkCarriers(d: Diff): void {
  const planned = allPlanned(d);
  const carried = new Set(planned.flatMap((p) => p.changeIds));
  const unwritable = new Set(d.unwritable.map((u) => u.changeId));
  for (const orphan of d.plan.changes) {
    if (carried.has(orphan.id) || unwritable.has(orphan.id)) continue;
    const found = carriersOf(d, orphan, planned);
    const attached = found.statements.filter((p) => !p.changeIds.includes(orphan.id));
    if (attached.length === 0) continue;
    const carriers = [...new Set(attached.flatMap((p) => p.changeIds))];
    for (const p of attached) p.changeIds.push(orphan.id);
    d.plan.require(orphan.id, ...carriers);
    if (!found.own) for (const c of carriers) d.plan.require(c, orphan.id);
    const change = d.plan.get(orphan.id);
    if (change !== undefined && change.because === null) {
      const names = carriers.map((id) => d.plan.get(id)?.summary ?? id);
      change.because = `written by: ${names.join('; ')}`;
    }
  }
}

/** Every statement planned so far, in every phase and bucket. */
function allPlanned(d: Diff): Planned[] {
  const p = d.plan;
  return [
    ...p.first,
    ...[...p.units.values()].flatMap((u) => u.statements),
    ...p.late.map((l) => l.planned),
    ...p.acl,
    ...p.defaults,
    ...p.last,
  ];
}

interface Found {
  readonly statements: Planned[];
  /** The statements name the object itself (its own DDL under another change), not just its carrier. */
  readonly own: boolean;
}

function carriersOf(d: Diff, orphan: Change, planned: readonly Planned[]): Found {
  const { kind, object } = orphan;
  // The object's own DDL written under another change (CREATE STATISTICS under the new table's).
  const key = refKey(object);
  const own = planned.filter((p) => refKey(p.statement.object) === key);
  if (own.length > 0) return { statements: own, own: true };

  if (object.kind === 'relation' && object.schema !== null) {
    // Members of this relation written by a change of the relation itself (a rebuild's DROP/ADD CONSTRAINT).
    const members = planned.filter(
      (p) => p.statement.object.kind === kind && sameRelation(topRef(p.statement.object), object),
    );
    if (members.length > 0) return { statements: members, own: false };
    // Members written on a parent: the partition's or INHERITS child's copy follows the parent's ALTER.
    for (const parent of ancestors(d, object.schema, object.name)) {
      const names = memberNames(d, kind, object.schema, object.name);
      const onParent = planned.filter(
        (p) =>
          p.statement.object.kind === kind &&
          sameRelation(topRef(p.statement.object), parent) &&
          (p.statement.object.member === undefined || names.has(p.statement.object.member)),
      );
      if (onParent.length > 0) return { statements: onParent, own: false };
    }
    // A typed table's columns follow its type's ADD / DROP / ALTER ATTRIBUTE … CASCADE.
    const of = d.from.relations.get(relKey(object.schema, object.name))?.ofType;
    if (kind === 'column' && of !== undefined) {
      const type = refKey({ kind: 'type', schema: of.schema, name: of.name });
      const cascade = planned.filter(
        (p) => refKey(p.statement.object) === type && / ATTRIBUTE .* CASCADE$/s.test(p.statement.sql),
      );
      if (cascade.length > 0) return { statements: cascade, own: false };
    }
    // The relation's own rebuild or drop, which takes every member with it (a rebuilt table's defaults).
    const whole = planned.filter((p) => refKey(p.statement.object) === refKey(topRef(object)));
    if (whole.length > 0) return { statements: whole, own: false };
  }

  if (object.kind === 'index' && object.schema !== null && object.member !== undefined) {
    // A partition's index attached to its parent's is dropped by the parent's DROP INDEX (up the chain).
    const drop = attachedDrop(d, planned, object.schema, object.name, object.member);
    if (drop !== undefined) return { statements: [drop], own: false };
  }

  if (object.kind === 'type' && object.schema !== null) {
    // A multirange is made and dropped by its range's CREATE TYPE / DROP TYPE.
    const range = rangeOf(d, object.schema, object.name);
    const verb =
      orphan.action === 'drop'
        ? /^DROP TYPE /
        : orphan.action === 'add'
          ? /^CREATE TYPE /
          : /^(CREATE|DROP) TYPE /;
    if (range !== null) {
      const byRange = planned.filter(
        (p) => refKey(p.statement.object) === refKey(range) && verb.test(p.statement.sql),
      );
      if (byRange.length > 0) return { statements: byRange, own: false };
    }
  }

  if (object.kind === 'statistics' && object.schema !== null) {
    // Statistics go with the table they are on when it is dropped.
    const on = [d.from, d.to]
      .map((side) => side.statistics.get(relKey(object.schema ?? '', object.name)))
      .filter((s) => s !== undefined);
    const tables = on.map((s) => ({ kind: 'relation', schema: s.table.schema, name: s.table.name }) as const);
    const byTable = planned.filter((p) =>
      tables.some((t) => refKey(p.statement.object) === refKey(t) && /^DROP TABLE /.test(p.statement.sql)),
    );
    if (byTable.length > 0) return { statements: byTable, own: false };
  }
  return { statements: [], own: false };
}

/** The DROP INDEX of the parent's index this partition's index is attached to, or of that one's parent, … */
function attachedDrop(
  d: Diff,
  planned: readonly Planned[],
  schema: string,
  table: string,
  index: string,
): Planned | undefined {
  let at: QualifiedName = { schema, name: table };
  let name = index;
  for (let depth = 0; depth < 64; depth++) {
    const r = d.from.relations.get(relKey(at.schema, at.name));
    const parentIndex = r?.indexes.find((i) => i.name === name)?.attachedTo;
    if (r?.partitionOf == null || parentIndex === undefined) return undefined;
    at = r.partitionOf;
    name = parentIndex;
    const target = refKey({ kind: 'index', schema: at.schema, name: at.name, member: name });
    const drop = planned.find(
      (p) => refKey(p.statement.object) === target && /^DROP INDEX /.test(p.statement.sql),
    );
    if (drop !== undefined) return drop;
  }
  return undefined;
}

const sameRelation = (a: ObjectRef, b: ObjectRef): boolean =>
  a.kind === 'relation' && b.kind === 'relation' && a.schema === b.schema && a.name === b.name;

/** A relation's partition parents and INHERITS parents on either side, nearest first. */
function ancestors(d: Diff, schema: string, name: string): ObjectRef[] {
  const out: ObjectRef[] = [];
  const seen = new Set<string>([relKey(schema, name)]);
  const queue: QualifiedName[] = [{ schema, name }];
  while (queue.length > 0) {
    const at = queue.shift() as QualifiedName;
    for (const side of [d.to, d.from]) {
      const r = side.relations.get(relKey(at.schema, at.name));
      if (r === undefined) continue;
      for (const p of [...(r.partitionOf === null ? [] : [r.partitionOf]), ...r.inherits]) {
        const k = relKey(p.schema, p.name);
        if (seen.has(k)) continue;
        seen.add(k);
        out.push({ kind: 'relation', schema: p.schema, name: p.name });
        queue.push(p);
      }
    }
  }
  return out;
}

/** The names of a relation's columns or constraints on either side (what its parent's statements may name). */
function memberNames(d: Diff, kind: string, schema: string, name: string): Set<string> {
  const names = new Set<string>();
  for (const side of [d.from, d.to]) {
    const r = side.relations.get(relKey(schema, name));
    if (r === undefined) continue;
    if (kind === 'column') for (const c of r.columns) names.add(c.name);
    if (kind === 'constraint') for (const k of r.constraints) names.add(k.name);
  }
  return names;
}

/** The range type a multirange belongs to, on either side: named by its option or by PostgreSQL's rule. */
function rangeOf(d: Diff, schema: string, name: string): ObjectRef | null {
  for (const side of [d.from, d.to] as const satisfies readonly Side[])
    for (const t of side.types.values()) {
      if (t.kind !== 'range') continue;
      const m = t.range?.multirange ?? { schema: t.schema, name: defaultMultirangeName(t.name) };
      if (m.schema === schema && m.name === name) return { kind: 'type', schema: t.schema, name: t.name };
    }
  return null;
}
