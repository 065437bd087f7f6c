import {
  refKey,
  refLabel,
  type Column,
  type ObjectRef,
  type Relation,
  type Sequence,
  type UserType,
} from '../../../shared/model/catalog.js';
import type { Hazard } from '../../../shared/diff/migration.js';
import { GatehouseError } from '../../../shared/errors.js';
import { createExtension, extensionTarget, updateExtension } from '../../ddl/extensions.js';
import { createRoutine, routineTarget } from '../../ddl/functions.js';
import { identityPersistenceOwn, LATE, schemaPhases, typePhases } from '../../ddl/object-phases.js';
import { orderIndices } from '../../ddl/order.js';
import { schemaTarget } from '../../ddl/schemas.js';
import {
  alterSequence,
  clampSequence,
  sequenceOwnedBy,
  sequenceTarget,
  setSequenceLogged,
  type SequenceOptions,
} from '../../ddl/sequences.js';
import { refs, type Statement } from '../../ddl/statement.js';
import {
  alterColumnType,
  alterColumnTypeByFields,
  alterColumnTypeThroughText,
  alterColumnTypeThroughMover,
  compositeArrayMover,
  setColumnDefault,
} from '../../ddl/tables.js';
import { commentOn, dropObject, renameTo, setSchema } from '../../ddl/target.js';
import {
  addDomainConstraint,
  addDomainNotNull,
  addEnumValue,
  alterCompositeAttribute,
  attributeTarget,
  domainConstraintTarget,
  dropDomainConstraint,
  renameDomainConstraint,
  setDomainDefault,
  setDomainNotNull,
  typeTarget,
} from '../../ddl/types.js';
import { quoteLiteral } from '../../ddl/quote.js';
import { routineBody, same, sameDefinition } from './compare.js';
import { writeObject, type Diff } from './context.js';
import { ownerAndComment } from './emit-owner-comment.js';
import { asWritten, emitCreated, emitPhases, emitRecreated } from './emit-relations.js';
import { inheritedColumns } from './kinds.js';
import { suffixedName } from './names.js';
import { hazard } from './plan.js';
import { RefIndex } from './ref-index.js';
import { relKey } from './side.js';

export function emitSchemas(d: Diff): void {
  if (!d.wants('schema')) return;
  const fromS = new Map(d.from.model.schemas.map((s) => [s.name, s]));
  const toS = new Map(d.to.model.schemas.map((s) => [s.name, s]));
  for (const [name, s] of fromS) {
    const t = schemaTarget(name);
    const next = toS.get(name);
    if (next === undefined) {
      const id = d.plan.change({
        action: 'drop',
        kind: 'schema',
        object: t.object,
        summary: `drop schema ${name}`,
      });
      d.plan.add('drop', dropObject(t), id);
      continue;
    }
    ownerAndComment(d, t, s, next);
  }
  for (const [name, s] of toS) {
    if (fromS.has(name)) continue;
    const ref = refs.schema(name);
    const id = d.plan.change({
      action: 'add',
      kind: 'schema',
      object: ref,
      summary: `create schema ${name}`,
    });
    emitPhases(d, schemaPhases(d.to.lookup, s), id);
  }
}

export function emitExtensions(d: Diff): void {
  if (!d.wants('extension')) return;
  const fromE = new Map(d.from.model.extensions.map((e) => [e.name, e]));
  const toE = new Map(d.to.model.extensions.map((e) => [e.name, e]));
  for (const [name, e] of fromE) {
    const t = extensionTarget(name);
    const next = toE.get(name);
    if (next === undefined) {
      const id = d.plan.change({
        action: 'drop',
        kind: 'extension',
        object: t.object,
        summary: `drop extension ${name}`,
      });
      d.plan.add('drop', dropObject(t), id, [
        hazard('breaks_dependants', `what uses ${name}'s objects must be gone`),
      ]);
      // Dropped: a table that stays but stops using its types (a column dropped or retyped) changes first.
      d.markDropped(t.object, id);
      continue;
    }
    if (e.version !== next.version || e.schema !== next.schema) {
      const id = d.plan.change({
        action: 'alter',
        kind: 'extension',
        object: t.object,
        summary: `extension ${name}: ${e.version} → ${next.version}${e.schema !== next.schema ? `, schema ${next.schema}` : ''}`,
      });
      if (e.schema !== next.schema) d.plan.add('main', setSchema(t, next.schema), id);
      if (e.version !== next.version)
        d.writing(id, t.object, () => {
          if (e.updateTargets !== undefined && !e.updateTargets.includes(next.version))
            throw new GatehouseError(
              'GH222',
              `The extension ${name} cannot go from version ${e.version} to ${next.version}: the server has no update path between them.`,
              {
                hint: `Install ${name}'s ${next.version} update scripts on the server, or drop and create the extension by hand (DROP EXTENSION takes what is built on it, columns of its types among them).`,
              },
            );
          d.plan.add('main', updateExtension(name, next.version), id);
        });
    }
    if (e.comment !== next.comment && d.wants('comment')) {
      const id = d.plan.change({
        action: 'alter',
        kind: 'comment',
        object: t.object,
        summary: `comment on extension ${name}`,
      });
      d.plan.add('main', commentOn(t, next.comment), id);
    }
  }
  for (const [name, e] of toE) {
    if (fromE.has(name)) continue;
    const ref = refs.extension(name);
    const id = d.plan.change({
      action: 'add',
      kind: 'extension',
      object: ref,
      summary: `create extension ${name} ${e.version}`,
    });
    d.plan.add(
      'main',
      createExtension({ name, schema: e.schema, version: e.version }, { ifNotExists: true, cascade: true }),
      id,
    );
    if (e.comment !== null) d.plan.add('main', commentOn(extensionTarget(name), e.comment), id);
  }
}

export function emitFunctions(d: Diff): void {
  for (const [k, f] of d.from.functions) {
    const ref = refs.function(f.schema, f.name, f.identityArgs);
    const t = routineTarget(f);
    const to = d.to.functions.get(k);
    const dropped = d.dropped.get(refKey(ref));
    if (dropped !== undefined) {
      const deps = [...new Set((d.from.dependants.get(ref) ?? []).map((e) => refLabel(e.from)))];
      const drop = () =>
        d.plan.add(
          'drop',
          dropObject(t),
          dropped.changeId,
          deps.length > 0
            ? [hazard('breaks_dependants', `dropped first and recreated: ${deps.join(', ')}`)]
            : [],
        );
      if (to === undefined) drop();
      else emitRecreated(d, ref, dropped.changeId, drop);
      continue;
    }
    if (to === undefined) continue;
    if (!same(routineBody(f), routineBody(to)) && d.wants('function')) {
      const id = d.plan.change({
        action: 'alter',
        kind: 'function',
        object: ref,
        summary: `replace ${f.kind} ${f.schema}.${f.name}(${f.identityArgs})`,
        fromSql: d.sql(d.from, ref),
        toSql: d.sql(d.to, ref),
      });
      d.writing(id, ref, () => d.plan.add('main', createRoutine(to, { orReplace: true }), id));
    }
    ownerAndComment(d, t, f, to);
  }
  for (const [k, f] of d.to.functions) {
    if (d.from.functions.has(k)) continue;
    const ref = refs.function(f.schema, f.name, f.identityArgs);
    const id = `function:add:${refLabel(ref)}`;
    if (d.plan.get(id) !== undefined) emitCreated(d, d.to, ref, id);
  }
}

export function emitSequences(d: Diff): void {
  if (!d.wants('sequence')) return;
  emitSequencePersistence(d);
  for (const [k, s] of d.from.sequences) {
    const to = d.to.sequences.get(k);
    // Most sequences are the same on both sides (OIDs aside): nothing to write, no target to build.
    if (to !== undefined && sameDefinition(s, to)) continue;
    const t = sequenceTarget(s.schema, s.name);
    // A serial's sequence replaced by its column's identity of the same name: the column's change writes both.
    if (to?.identity === true && !s.identity && same(s.ownedBy, to.ownedBy)) continue;
    // An identity's sequence replaced by a serial's of the same name (identity → serial): likewise.
    if (to?.identity === false && s.identity && same(s.ownedBy, to.ownedBy)) continue;
    if (to === undefined) {
      if (s.identity) continue; // goes with its column
      const id = d.plan.change({
        action: 'drop',
        kind: 'sequence',
        object: t.object,
        summary: `drop sequence ${s.schema}.${s.name}`,
      });
      // A sequence owned by a table that is dropped goes with it.
      const owner = s.ownedBy;
      const withTable =
        owner !== null &&
        d.isDropped(refs.relation(owner.schema, owner.table)) &&
        !d.to.relations.has(relKey(owner.schema, owner.table));
      if (!withTable) d.plan.add('drop', dropObject(t), id);
      d.markDropped(t.object, id);
      continue;
    }
    const opts: (keyof SequenceOptions)[] = [
      'dataType',
      'increment',
      'min',
      'max',
      'start',
      'cache',
      'cycle',
    ];
    const change: Record<string, unknown> = {};
    for (const o of opts) if (s[o] !== to[o] && !(o === 'dataType' && s.identity)) change[o] = to[o];
    if (Object.keys(change).length > 0) {
      const id = d.plan.change({
        action: 'alter',
        kind: 'sequence',
        object: t.object,
        summary: `sequence ${s.schema}.${s.name}: ${Object.keys(change).join(', ')}`,
      });
      // An identity column's sequence after the column: ALTER COLUMN TYPE changes its data type (a bigint
      // MAXVALUE on the old integer one is refused, 22023).
      const { statements, hazards } = narrowedSequence(s, to, change as Partial<SequenceOptions>);
      statements.forEach((st, i) => {
        const h = i === 0 ? hazards : [];
        if (s.identity) d.plan.add('late', st, id, h, LATE.ownedBy);
        else d.plan.add('main', st, id, h);
      });
    }
    if (
      !s.identity &&
      !same(s.ownedBy, to.ownedBy) &&
      !d.rebuilt.has(refKey(refs.relation(to.ownedBy?.schema ?? '', to.ownedBy?.table ?? '')))
    ) {
      const id = d.plan.change({
        action: 'alter',
        kind: 'sequence',
        object: t.object,
        summary: `sequence ${s.schema}.${s.name} owned by ${to.ownedBy === null ? 'none' : `${to.ownedBy.table}.${to.ownedBy.column}`}`,
      });
      // Unlinked first: a DROP COLUMN (or TABLE) of its old owner would take the sequence along.
      if (to.ownedBy === null) d.plan.add('first', sequenceOwnedBy(s.schema, s.name, null), id);
      else d.plan.add('late', sequenceOwnedBy(s.schema, s.name, to.ownedBy), id, [], LATE.ownedBy);
    }
    // A sequence linked to its table (OWNED BY) takes the table's owner with ALTER TABLE … OWNER; its own
    // ALTER SEQUENCE … OWNER is refused (0A000).
    const linked = s.ownedBy !== null && to.ownedBy !== null;
    if (!s.identity) ownerAndComment(d, t, linked ? { ...s, owner: to.owner } : s, to);
    else if (s.comment !== to.comment && d.wants('comment')) {
      const id = d.plan.change({
        action: 'alter',
        kind: 'comment',
        object: t.object,
        summary: `comment on sequence ${s.schema}.${s.name}`,
      });
      d.plan.add('main', commentOn(t, to.comment), id);
    }
  }
  for (const [k, s] of d.to.sequences) {
    if (s.identity && freshIdentity(d, s)) emitIdentityExtras(d, s);
    if (d.from.sequences.has(k) || s.identity) continue;
    const ref = refs.sequence(s.schema, s.name);
    const id = d.plan.change({
      action: 'add',
      kind: 'sequence',
      object: ref,
      summary: `create sequence ${s.schema}.${s.name}`,
      toSql: d.sql(d.to, ref),
    });
    emitCreated(d, d.to, ref, id);
  }
}

/**
 * Whether an identity's sequence is made anew by this migration: its column becomes an identity (a serial's
 * sequence replaced too), or its table is created, recreated or rebuilt.
 */
function freshIdentity(d: Diff, s: Sequence): boolean {
  const before = d.from.sequences.get(relKey(s.schema, s.name));
  if (before === undefined || !before.identity || s.ownedBy === null) return true;
  const table = refs.relation(s.ownedBy.schema, s.ownedBy.table);
  return d.isDropped(table) || d.rebuilt.has(refKey(table));
}

/**
 * A new identity sequence is made by its column's CREATE TABLE or ADD GENERATED; its comment and privileges are
 * written here (after the table: late and with the privileges), and emit-acl leaves it be (wholeAcl).
 */
function emitIdentityExtras(d: Diff, s: Sequence): void {
  const ref = refs.sequence(s.schema, s.name);
  d.freshIdentities.add(refKey(ref));
  // Its phases hold no DDL that could be refused (a comment, GRANTs): nothing to name as unwritable.
  const written = writeObject(d.to, ref);
  if (written === null || 'reason' in written) return;
  const p = asWritten(d, d.to, ref, written);
  const comment = d.wants('comment') ? p.create : [];
  const acl = d.wants('grant') ? p.acl : [];
  if (comment.length === 0 && acl.length === 0) return;
  const id = d.plan.change({
    action: 'alter',
    kind: acl.length > 0 ? 'grant' : 'comment',
    object: ref,
    summary: `${acl.length > 0 ? 'privileges' : 'comment'} of identity sequence ${s.schema}.${s.name}`,
  });
  d.plan.add('late', comment, id, [], LATE.comment);
  d.plan.add('acl', acl, id);
}

/**
 * ALTER SEQUENCE for new options, with what new bounds need: ALTER refuses bounds that exclude the current value
 * (22023), so a value outside is first moved to the nearest bound both ranges share, or, when the two ranges share
 * none, the sequence restarts at its new start.
 */
function narrowedSequence(
  from: Sequence,
  to: Sequence,
  change: Partial<SequenceOptions>,
): { statements: Statement[]; hazards: Hazard[] } {
  const big = (v: string) => BigInt(v);
  const narrowed = big(to.min) > big(from.min) || big(to.max) < big(from.max);
  if (!narrowed) return { statements: [alterSequence(from.schema, from.name, change)], hazards: [] };
  const lo = big(to.min) > big(from.min) ? to.min : from.min;
  const hi = big(to.max) < big(from.max) ? to.max : from.max;
  const label = `${from.schema}.${from.name}`;
  if (big(lo) > big(hi))
    return {
      statements: [alterSequence(from.schema, from.name, { ...change, restart: to.start })],
      hazards: [
        hazard('data_loss', `${label} restarts at ${to.start}: its new range shares no value with the old`),
      ],
    };
  return {
    statements: [
      clampSequence(from.schema, from.name, lo, hi),
      alterSequence(from.schema, from.name, change),
    ],
    hazards: [hazard('data_loss', `${label} moves to ${lo}..${hi} if its current value lies outside`)],
  };
}

/** A rebuilt type's old copy, renamed away, to drop once every column has moved off it. */
interface OldType {
  readonly ref: ObjectRef;
  readonly statement: Statement;
  readonly changeId: string;
}

/**
 * The old copies of rebuilt types go last, each before those it is built on (a domain's old copy holds its base
 * type's old copy until dropped, 2BP01).
 */
function dropOldTypes(d: Diff, oldTypes: readonly OldType[]): void {
  if (oldTypes.length === 0) return;
  const at = new RefIndex<number>();
  oldTypes.forEach((o, i) => at.set(o.ref, i));
  const edges: [number, number][] = [];
  for (const e of d.from.dependencies) {
    const a = at.get(e.from);
    const b = a === undefined ? undefined : at.get(e.to);
    if (a !== undefined && b !== undefined) edges.push([a, b]);
  }
  const r = orderIndices(
    oldTypes.map(() => 0),
    edges,
  );
  const order = 'order' in r ? r.order : oldTypes.map((_, i) => i);
  for (const i of order) {
    const o = oldTypes[i]!;
    d.plan.add('late', o.statement, o.changeId, [], LATE.oldType);
  }
}

/**
 * UNLOGGED sequences (PostgreSQL 15+). A table's SET LOGGED / UNLOGGED (main) takes the sequences it owns along, and
 * an identity column makes its sequence as logged as its table: each sequence is set late where what it will be
 * then is not TO's.
 */
function emitSequencePersistence(d: Diff): void {
  if (d.major < 15) return; // every sequence is logged before 15, an unlogged table's too
  const set = (s: Sequence) => {
    const id = d.plan.change({
      action: 'alter',
      kind: 'sequence',
      object: refs.sequence(s.schema, s.name),
      summary: `sequence ${s.schema}.${s.name}: ${s.unlogged === true ? 'unlogged' : 'logged'}`,
    });
    d.plan.add('late', setSequenceLogged(s.schema, s.name, s.unlogged !== true), id, [], LATE.ownedBy);
  };
  for (const [k, s] of d.from.sequences) {
    const to = d.to.sequences.get(k);
    if (to !== undefined && unloggedAfterTables(d, s, to) !== (to.unlogged === true)) set(to);
  }
  for (const [k, s] of d.to.sequences)
    if (!d.from.sequences.has(k) && s.identity && identityPersistenceOwn(d.to.lookup, s)) set(s);
}

/** Whether a sequence that stays is unlogged once the tables' own statements ran. */
function unloggedAfterTables(d: Diff, s: Sequence, to: Sequence): boolean {
  const owner = s.ownedBy;
  // One that ends with no owner is unlinked first (emitSequences): no table takes it along.
  if (owner === null || (to.ownedBy === null && !s.identity)) return s.unlogged === true;
  const ref = refKey(refs.relation(owner.schema, owner.table));
  const a = d.from.relations.get(relKey(owner.schema, owner.table));
  const b = d.to.relations.get(relKey(owner.schema, owner.table));
  if (a === undefined || b === undefined) return s.unlogged === true;
  // A table made anew makes its identity columns' sequences anew, as logged as it is.
  if (d.rebuilt.has(ref) || d.recreated.has(ref))
    return s.identity ? b.unlogged === true : s.unlogged === true;
  const flips =
    d.wants('table') &&
    a.kind === 'table' &&
    b.kind === 'table' &&
    (a.unlogged === true) !== (b.unlogged === true);
  return flips ? b.unlogged === true : s.unlogged === true;
}

export function emitTypes(d: Diff): void {
  const oldTypes: OldType[] = [];
  for (const [k, t] of d.from.types) {
    const ref = refs.type(t.schema, t.name);
    const to = d.to.types.get(k);
    const target = typeTarget(t);
    if (to === undefined) {
      const dropped = d.dropped.get(refKey(ref));
      if (dropped !== undefined && t.kind !== 'multirange')
        d.plan.add('drop', dropObject(target), dropped.changeId);
      continue;
    }
    const rebuilt = d.typeRebuilt.get(refKey(ref));
    if (rebuilt !== undefined) {
      rebuildType(d, t, to, rebuilt, oldTypes);
      continue;
    }
    if (d.wants('type')) alterType(d, t, to);
    if (d.wants('comment')) emitMemberComments(d, t, to);
    if (t.kind !== 'multirange' || d.major < 17) ownerAndComment(d, target, t, to);
    else if (t.comment !== to.comment && d.wants('comment')) {
      const id = d.plan.change({
        action: 'alter',
        kind: 'comment',
        object: ref,
        summary: `comment on type ${t.schema}.${t.name}`,
      });
      d.plan.add('main', commentOn(target, to.comment), id);
    }
  }
  dropOldTypes(d, oldTypes);
  for (const [k, t] of d.to.types) {
    if (d.from.types.has(k)) continue;
    const ref = refs.type(t.schema, t.name);
    const id = `type:add:${refLabel(ref)}`;
    if (d.plan.get(id) !== undefined) emitCreated(d, d.to, ref, id);
  }
}

function alterType(d: Diff, a: UserType, b: UserType): void {
  const ref = refs.type(a.schema, a.name);
  if (a.kind === 'enum' && !same(a.labels, b.labels)) {
    const id = d.plan.change({
      action: 'alter',
      kind: 'type',
      object: ref,
      summary: `enum ${a.schema}.${a.name}: add ${b.labels.filter((l) => !a.labels.includes(l)).join(', ')}`,
    });
    const have = new Set(a.labels);
    b.labels.forEach((l, i) => {
      if (have.has(l)) return;
      const next = b.labels.slice(i + 1).find((x) => have.has(x));
      const prev = b.labels.slice(0, i).reverse()[0];
      const position =
        next !== undefined ? { before: next } : prev !== undefined ? { after: prev } : undefined;
      have.add(l);
      d.plan.add('first', addEnumValue(a.schema, a.name, l, position), id);
      d.enumValues.push({ literal: quoteLiteral(l), changeId: id });
    });
  }
  if (a.kind === 'domain' && a.domain !== null && b.domain !== null) {
    const da = a.domain;
    const db = b.domain;
    let id: string | null = null;
    const change = () =>
      (id ??= d.plan.change({
        action: 'alter',
        kind: 'type',
        object: ref,
        summary: `domain ${a.schema}.${a.name}`,
      }));
    if (da.default !== db.default)
      d.plan.add('main', setDomainDefault(a.schema, a.name, db.default), change());
    const named = (list: typeof da.constraints) =>
      new Map(list.filter((c) => !c.notNull).map((c) => [c.name, c]));
    const ca = named(da.constraints);
    const cb = named(db.constraints);
    // Around a function they call that is recreated (dependants), every check goes and comes back.
    const forced = d.domainChecks.get(refKey(ref));
    for (const [n, c] of ca) {
      const next = cb.get(n);
      const kept = next !== undefined && next.definition === c.definition && next.validated === c.validated;
      if (kept && forced === undefined) continue;
      const id = kept && forced !== undefined ? forced : change();
      d.plan.add('drop', dropDomainConstraint(a.schema, a.name, n), id);
      if (next !== undefined)
        d.plan.add('late', addDomainConstraint(a.schema, a.name, next), id, [], LATE.notValid);
    }
    for (const [n, c] of cb)
      if (!ca.has(n))
        d.plan.add('late', addDomainConstraint(a.schema, a.name, c), change(), [], LATE.notValid);
    // From 17 a domain's NOT NULL is a constraint with a name: added under TO's, renamed to it where it stays.
    const nnA = da.constraints.find((c) => c.notNull);
    const nnB = db.constraints.find((c) => c.notNull);
    if (da.notNull !== db.notNull)
      d.plan.add(
        'main',
        db.notNull && nnB !== undefined
          ? addDomainNotNull(a.schema, a.name, nnB.name)
          : setDomainNotNull(a.schema, a.name, db.notNull),
        change(),
      );
    else if (nnA !== undefined && nnB !== undefined && nnA.name !== nnB.name)
      d.plan.add('main', renameDomainConstraint(a.schema, a.name, nnA.name, nnB.name), change());
  }
  if (
    a.kind === 'composite' &&
    !same(
      a.attributes.map((x) => [x.name, x.type.formatted, x.collation]),
      b.attributes.map((x) => [x.name, x.type.formatted, x.collation]),
    )
  ) {
    const id = d.plan.change({
      action: 'alter',
      kind: 'type',
      object: ref,
      summary: `composite ${a.schema}.${a.name}: attributes`,
    });
    const bm = new Map(b.attributes.map((x) => [x.name, x]));
    const am = new Map(a.attributes.map((x) => [x.name, x]));
    // A typed table of the type is refused the change without CASCADE, which changes its columns along.
    const typed = [...d.from.relations.values()].some(
      (r) => r.ofType?.schema === a.schema && r.ofType.name === a.name,
    );
    const opts = { cascade: typed };
    for (const x of a.attributes)
      if (!bm.has(x.name))
        d.plan.add('main', alterCompositeAttribute(a.schema, a.name, { drop: x.name }, opts), id, [
          hazard('data_loss', `drops attribute ${x.name}`),
        ]);
    for (const x of b.attributes) {
      const old = am.get(x.name);
      if (old === undefined)
        d.plan.add(
          'main',
          alterCompositeAttribute(
            a.schema,
            a.name,
            {
              add: x.name,
              type: x.type.formatted,
              ...(x.collation !== undefined ? { collation: x.collation } : {}),
            },
            opts,
          ),
          id,
        );
      else if (old.type.formatted !== x.type.formatted || !same(old.collation, x.collation))
        d.plan.add(
          'main',
          alterCompositeAttribute(
            a.schema,
            a.name,
            {
              alter: x.name,
              type: x.type.formatted,
              ...(x.collation !== undefined ? { collation: x.collation } : {}),
            },
            opts,
          ),
          id,
        );
    }
  }
}

/**
 * Comments on the attributes of a composite type and the constraints of a domain that stay. One on an attribute added
 * follows its ADD ATTRIBUTE (both in the type's main unit); one on a constraint dropped and added again (alterType)
 * is written again after the ADD.
 */
function emitMemberComments(d: Diff, a: UserType, b: UserType): void {
  const s = a.schema;
  const n = a.name;
  let id: string | null = null;
  const change = () =>
    (id ??= d.plan.change({
      action: 'alter',
      kind: 'comment',
      object: refs.type(s, n),
      summary: `comments on the ${a.kind === 'domain' ? 'constraints' : 'attributes'} of ${s}.${n}`,
    }));
  const attributes = new Map(a.attributes.map((x) => [x.name, x]));
  for (const x of b.attributes)
    if (attributes.get(x.name)?.comment !== x.comment)
      d.plan.add('main', commentOn(attributeTarget(s, n, x.name), x.comment ?? null), change());
  const checks = new Map((a.domain?.constraints ?? []).map((c) => [c.name, c]));
  // A check of a domain whose checks go and come back around a recreated function (dependants) is added anew.
  const forced = d.domainChecks.has(refKey(refs.type(s, n)));
  for (const c of b.domain?.constraints ?? []) {
    // The NOT NULL constraint stays when it is renamed (alterType), its comment along.
    const old = c.notNull ? a.domain?.constraints.find((x) => x.notNull) : checks.get(c.name);
    const readded =
      old === undefined ||
      old.definition !== c.definition ||
      old.validated !== c.validated ||
      (forced && !c.notNull);
    if (readded ? c.comment === undefined : old.comment === c.comment) continue;
    d.plan.add(
      'late',
      commentOn(domainConstraintTarget(s, n, c.name), c.comment ?? null),
      change(),
      [],
      LATE.comment,
    );
  }
}

/**
 * A type that cannot change in place (an enum losing a value, a domain's base type…): renamed away, created anew
 * under its name, every column of it moved over through text, the old one dropped. Views, functions and the
 * like over it were dropped before and come back after (dependants).
 */
function rebuildType(d: Diff, a: UserType, b: UserType, changeId: string, oldTypes: OldType[]): void {
  const ref = refs.type(a.schema, a.name);
  // Left as it is (not renamed away) when the new one cannot be written.
  if (!d.writing(changeId, ref, () => typePhases(d.to.lookup, b))) return;
  const oids = new Set([a.oid, ...(a.arrayOid !== null ? [a.arrayOid] : [])]);
  const moved: { r: Relation; c: Column; next: Column }[] = [];
  for (const r of d.from.relations.values()) {
    if (r.kind !== 'table' && r.kind !== 'partitioned_table' && r.kind !== 'foreign_table') continue;
    if (!d.to.relations.has(relKey(r.schema, r.name))) continue;
    // A partition's columns move with its parent's, unless the parent is recreated (it is detached meanwhile).
    if (r.partitionOf !== null && !d.isRecreated(refs.relation(r.partitionOf.schema, r.partitionOf.name)))
      continue;
    if (
      d.isDropped(refs.relation(r.schema, r.name)) ||
      d.rebuilt.has(refKey(refs.relation(r.schema, r.name)))
    )
      continue;
    const toRel = d.to.relations.get(relKey(r.schema, r.name));
    const inherited = inheritedColumns(d.from, r);
    for (const c of r.columns) {
      if (!oids.has(c.type.oid) || inherited.has(c.name)) continue; // the parent's ALTER moves those
      const next = toRel?.columns.find((x) => x.name === c.name);
      if (next !== undefined) moved.push({ r, c, next });
    }
  }
  // A composite's text is positional: where its attributes change place, columns of it move field by field, and
  // arrays of it element by element through a function of the migration's session (no subquery in USING).
  const byFields =
    a.kind === 'composite' && b.kind === 'composite' && !same(attributeNames(a), attributeNames(b));
  const arrays = byFields && moved.some(({ r, c }) => c.type.isArray && r.kind !== 'foreign_table');
  // A range renamed away keeps its constructor functions' and multirange's names, which the new one needs: its
  // columns wait as text instead while the old range is dropped and the new one created.
  const detour = a.kind === 'range';
  const old = suffixedName(a.name, 'gh_old');
  if (!detour) d.plan.add('drop', renameTo(typeTarget(a), old), changeId);
  const p = typePhases(d.to.lookup, b);
  const removed = a.kind === 'enum' && b.kind === 'enum' ? a.labels.filter((l) => !b.labels.includes(l)) : [];
  const rewrite = [
    hazard('table_rewrite', `columns of ${a.schema}.${a.name} are rewritten onto the new type`),
    ...(removed.length > 0
      ? [
          hazard(
            'data_loss',
            `a row holding ${removed.map(quoteLiteral).join(', ')} cannot move onto the new type: the migration stops there (update those rows first, or diff with --renames when a value was renamed)`,
          ),
        ]
      : []),
  ];
  const create = () =>
    p.create.forEach((s, i) => d.plan.addTo(ref, 'main', [s], changeId, i === 0 ? rewrite : []));
  if (!detour) create();
  // A foreign table stores no rows: nothing to cast, and USING is refused on it (42809).
  const foreign = (r: Relation) => r.kind === 'foreign_table';
  const locks = (r: Relation) => [
    ...(foreign(r) ? [] : [hazard('table_rewrite', `${r.schema}.${r.name} is rewritten`)]),
    hazard('access_exclusive_lock', `${r.schema}.${r.name} is locked`),
  ];
  // A default the table's defaults change already drops and sets again (pg_depend's attrdef edge to the type) is
  // not written twice.
  const ownDefaults = (r: Relation) => d.memberRecreate(r.schema, r.name, 'default') === undefined;
  for (const { r, c } of moved) {
    if (c.default !== null && ownDefaults(r))
      d.plan.addTo(ref, 'main', [setColumnDefault(r.schema, r.name, c.name, null)], changeId);
    if (detour)
      d.plan.addTo(
        ref,
        'main',
        [
          alterColumnType(r.schema, r.name, c.name, c.type.isArray ? 'text[]' : 'text', undefined, {
            castUsing: !foreign(r),
          }),
        ],
        changeId,
        locks(r),
      );
  }
  if (detour) {
    d.plan.addTo(ref, 'main', [dropObject(typeTarget(a))], changeId);
    create();
  }
  const mover = arrays
    ? compositeArrayMover(
        suffixedName(a.name, 'gh_move'),
        { schema: a.schema, name: old },
        b,
        fieldsByName(a, b),
      )
    : null;
  if (mover !== null) d.plan.addTo(ref, 'main', [mover.create], changeId);
  for (const { r, c, next } of moved) {
    d.plan.addTo(
      ref,
      'main',
      [
        foreign(r)
          ? alterColumnType(r.schema, r.name, c.name, next.type.formatted)
          : byFields && c.type.isArray && mover !== null
            ? alterColumnTypeThroughMover(r.schema, r.name, c.name, next.type.formatted, mover.call(c.name))
            : byFields
              ? alterColumnTypeByFields(r.schema, r.name, c.name, next.type.formatted, fieldsByName(a, b))
              : alterColumnTypeThroughText(r.schema, r.name, c.name, next.type.formatted, c.type.isArray),
      ],
      changeId,
      locks(r),
    );
    if (next.default !== null && ownDefaults(r))
      d.plan.addTo(ref, 'main', [setColumnDefault(r.schema, r.name, c.name, next.default)], changeId);
  }
  if (mover !== null) d.plan.addTo(ref, 'main', [mover.drop], changeId);
  if (!detour)
    oldTypes.push({
      ref,
      statement: dropObject({ ...typeTarget(a), name: typeTarget({ ...a, name: old }).name }),
      changeId,
    });
  for (const l of p.late) d.plan.add('late', l.statement, changeId, [], l.rank);
  d.plan.add('acl', p.acl, changeId);
}

const attributeNames = (t: UserType) => t.attributes.map((x) => x.name);

/** `b`'s attributes in order, each the name of `a`'s attribute it comes from, or null for a new one. */
function fieldsByName(a: UserType, b: UserType): (string | null)[] {
  const had = new Set(attributeNames(a));
  return b.attributes.map((x) => (had.has(x.name) ? x.name : null));
}
