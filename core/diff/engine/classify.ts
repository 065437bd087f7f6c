import { refKey, type FunctionInfo, type Relation, type UserType } from '../../../shared/model/catalog.js';
import { refs } from '../../ddl/statement.js';
import { mentionsColumn, retyped, routineBody, same, viewBody } from './compare.js';
import type { Diff } from './context.js';
import { writeColumnOrders, type OrderChange } from './column-order.js';
import { isTable, relationKind } from './kinds.js';
import { relKey } from './side.js';
import { attributeRetyped, attributesAppended } from './typed-tables.js';

/**
 * First pass over the relations, functions and types: which are removed, added, recreated for their own change
 * (a view whose columns change, a function whose signature or result does, a table whose kind or partition key
 * does), rebuilt (column order, an enum losing a value) or touched (columns dropped or retyped). The changes
 * registered here are the causes the dependants pass follows.
 */
export function classify(d: Diff): void {
  classifyRelations(d);
  classifyFunctions(d);
  classifyTypes(d);
}

/** Whether CREATE OR REPLACE VIEW can take `from` to `to`: the old columns, same names and types, come first. */
export function viewReplaceable(from: Relation, to: Relation): boolean {
  if (from.kind !== 'view' || to.kind !== 'view') return false;
  if (to.columns.length < from.columns.length) return false;
  return from.columns.every(
    (c, i) => to.columns[i]?.name === c.name && to.columns[i]?.type.formatted === c.type.formatted,
  );
}

/**
 * The order the table would end with after plain ALTERs (the columns `to` adds, or drops and adds again, at the
 * end), when that is not `to`'s: a rebuild is needed. Null when the order comes out right.
 */
export function orderAfterAlters(d: Diff, from: Relation, to: Relation): string[] | null {
  if (
    from.columns.length === to.columns.length &&
    from.columns.every((c, i) => {
      const t = to.columns[i];
      return (
        t !== undefined &&
        t.name === c.name &&
        t.generated === c.generated &&
        t.generation === c.generation &&
        (c.generation === null || !regeneratedByDropAdd(d, from, c.name))
      );
    })
  )
    return null;
  const kept = new Set(to.columns.map((c) => c.name));
  const readded = new Set(to.columns.filter((c) => regeneratedByDropAdd(d, from, c.name)).map((c) => c.name));
  const fromNames = new Set(from.columns.map((c) => c.name));
  const after = [
    ...from.columns.filter((c) => kept.has(c.name) && !readded.has(c.name)).map((c) => c.name),
    ...to.columns.filter((c) => !fromNames.has(c.name) || readded.has(c.name)).map((c) => c.name),
  ];
  return same(
    after,
    to.columns.map((c) => c.name),
  )
    ? null
    : after;
}

// Whether a relation has a generated column: most have none, and each of their columns is asked about.
const generatedIn = new WeakMap<Relation, boolean>();
function hasGenerated(r: Relation): boolean {
  let has = generatedIn.get(r);
  if (has === undefined) generatedIn.set(r, (has = r.columns.some((c) => c.generated !== null)));
  return has;
}

/** A column whose generation cannot be changed in place on this server (needs a drop and an add). */
export function regeneratedByDropAdd(d: Diff, from: Relation, name: string): boolean {
  const to = d.to.relations.get(relKey(from.schema, from.name));
  // Neither side generates anything: nothing is regenerated.
  if (!hasGenerated(from) && (to === undefined || !hasGenerated(to))) return false;
  const a = from.columns.find((c) => c.name === name);
  const b = to?.columns.find((c) => c.name === name);
  if (a === undefined || b === undefined) return false;
  // ALTER COLUMN TYPE refuses a column a generated one uses (0A000), on every version: that one goes first.
  if (
    a.generation !== null &&
    b.generation !== null &&
    to !== undefined &&
    namesRetypedColumn(from, to, a.generation)
  )
    return true;
  if (a.generated === b.generated && a.generation === b.generation) return false;
  if (b.generated === null) return false; // DROP EXPRESSION keeps the column
  if (a.generated !== null && a.generated === b.generated && d.major >= 17) return false; // SET EXPRESSION
  return true;
}

/**
 * Whether SQL text of `from` (a generation expression, a partition key as pg_get_partkeydef writes it) names one of
 * its columns whose type changes in `to`.
 */
function namesRetypedColumn(from: Relation, to: Relation, text: string): boolean {
  return from.columns.some((c) => {
    const next = to.columns.find((x) => x.name === c.name);
    return next !== undefined && retyped(c, next) && mentionsColumn(text, c.name);
  });
}

/**
 * Registers the rebuild of a table (renamed away, created anew, rows copied: rebuildTable) with its reason; a cause
 * given is required by the rebuild and requires it back. Returns the change.
 */
export function markRebuilt(
  d: Diff,
  table: Relation,
  summary: string,
  cause?: { changeId: string; because: string },
): string {
  const ref = refs.relation(table.schema, table.name);
  const id = d.plan.change({
    action: 'rebuild',
    kind: 'table',
    object: ref,
    summary,
    ...(cause ? { because: cause.because, requires: [cause.changeId] } : {}),
    fromSql: d.sql(d.from, ref),
    toSql: d.sql(d.to, ref),
  });
  if (cause) d.plan.require(cause.changeId, id);
  d.rebuilt.set(refKey(ref), id);
  return id;
}

/** Plain tables only: partitions and inheritance take their columns from elsewhere. */
export function rebuildable(d: Diff, from: Relation, to: Relation): boolean {
  if (from.kind !== 'table' || to.kind !== 'table') return false;
  if (from.partitionOf !== null || to.partitionOf !== null) return false;
  return !parents(d).has(relKey(from.schema, from.name));
}

/** Tables that have partitions or inheritance children on FROM's side (computed once per diff). */
const parentsCache = new WeakMap<Diff, Set<string>>();
function parents(d: Diff): Set<string> {
  let set = parentsCache.get(d);
  if (set === undefined) {
    set = new Set<string>();
    for (const r of d.from.relations.values()) {
      if (r.partitionOf !== null) set.add(relKey(r.partitionOf.schema, r.partitionOf.name));
      for (const p of r.inherits) set.add(relKey(p.schema, p.name));
    }
    parentsCache.set(d, set);
  }
  return set;
}

/** The same columns in the same order, each of the same type and collation: none dropped or retyped. */
function sameColumnTypes(from: Relation, to: Relation): boolean {
  if (from.columns.length !== to.columns.length) return false;
  for (let i = 0; i < from.columns.length; i++) {
    const a = from.columns[i]!;
    const b = to.columns[i]!;
    if (a.name !== b.name || retyped(a, b)) return false;
  }
  return true;
}

function classifyRelations(d: Diff): void {
  const orders: OrderChange[] = [];
  for (const [k, from] of d.from.relations) {
    const ref = refs.relation(from.schema, from.name);
    const to = d.to.relations.get(k);
    const kind = relationKind(from);
    if (to === undefined) {
      if (!d.wants(kind)) continue;
      const id = d.plan.change({
        action: 'drop',
        kind,
        object: ref,
        summary: `drop ${from.kind.replace('_', ' ')} ${from.schema}.${from.name}`,
        fromSql: d.sql(d.from, ref),
      });
      d.markDropped(ref, id);
      continue;
    }
    const recreateFor = (summary: string) => {
      const id = d.plan.change({
        action: 'rebuild',
        kind,
        object: ref,
        summary,
        fromSql: d.sql(d.from, ref),
        toSql: d.sql(d.to, ref),
      });
      d.markRecreated(ref, { changeId: id, cause: null, because: null });
    };
    if (from.kind !== to.kind) {
      if (d.wants(kind)) recreateFor(`recreate ${from.schema}.${from.name}: ${from.kind} becomes ${to.kind}`);
      continue;
    }
    // ALTER FOREIGN TABLE has no SERVER clause.
    if (from.foreignTable !== null && from.foreignTable.server !== to.foreignTable?.server) {
      if (d.wants(kind)) recreateFor(`recreate ${from.schema}.${from.name}: its server changes`);
      continue;
    }
    if (isTable(from) && from.partitionKey !== to.partitionKey) {
      if (d.wants(kind)) recreateFor(`recreate ${from.schema}.${from.name}: partition key changes`);
      continue;
    }
    // A partition key's column cannot change type in place (42P16): the table goes and comes back.
    if (from.partitionKey !== null && namesRetypedColumn(from, to, from.partitionKey)) {
      if (d.wants(kind))
        recreateFor(`recreate ${from.schema}.${from.name}: a partition key column changes type`);
      continue;
    }
    if (from.kind === 'view' && !same(viewBody(from), viewBody(to)) && !viewReplaceable(from, to)) {
      if (d.wants(kind)) recreateFor(`recreate view ${from.schema}.${from.name}: its columns change`);
      continue;
    }
    if (from.kind === 'materialized_view' && from.viewDefinition !== to.viewDefinition) {
      if (d.wants(kind))
        recreateFor(`recreate materialized view ${from.schema}.${from.name}: its query changes`);
      continue;
    }
    if (from.kind !== 'table' && from.kind !== 'partitioned_table') continue;
    if (!d.wants('column')) continue;
    // Decided once every order is known (an INHERITS tree is rebuilt as one): the columns are followed meanwhile,
    // and forgotten for a table that is rebuilt or recreated after all.
    if (d.options.ignoreColumnOrder !== true && orderAfterAlters(d, from, to) !== null)
      orders.push({ from, to });
    if (from.partitionOf !== null) continue; // a partition's columns follow its parent
    // A generated column whose expression cannot change in place is dropped and added again: what uses it too.
    const regenerated = from.columns.filter((c) => regeneratedByDropAdd(d, from, c.name));
    if (regenerated.length === 0 && sameColumnTypes(from, to)) continue;
    const toCols = new Map(to.columns.map((c) => [c.name, c]));
    const touching = from.columns.filter((c) => {
      const t = toCols.get(c.name);
      return t === undefined || retyped(c, t) || regenerated.includes(c);
    });
    if (touching.length > 0) {
      d.touched.set(refKey(ref), touching.map((c) => c.name).join(', '));
      d.touchedColumns.set(refKey(ref), new Set(touching.map((c) => c.name)));
    }
  }
  writeColumnOrders(d, orders);
  for (const { from } of orders) {
    const k = refKey(refs.relation(from.schema, from.name));
    if (!d.rebuilt.has(k) && !d.isRecreated(refs.relation(from.schema, from.name))) continue;
    d.touched.delete(k);
    d.touchedColumns.delete(k);
  }
  for (const [k, to] of d.to.relations) {
    if (d.from.relations.has(k)) continue;
    const kind = relationKind(to);
    if (!d.wants(kind)) continue;
    const ref = refs.relation(to.schema, to.name);
    d.plan.change({
      action: 'add',
      kind,
      object: ref,
      summary: `create ${to.kind.replace('_', ' ')} ${to.schema}.${to.name}`,
      toSql: d.sql(d.to, ref),
    });
  }
}

/**
 * The same arguments (names, modes, types) whose defaults change value or are added, none removed: CREATE OR
 * REPLACE takes that (a default removed is refused, 42P13), so what uses the function need not be recreated.
 */
function defaultsOnlyGrow(f: FunctionInfo, to: FunctionInfo): boolean {
  if (f.args.length !== to.args.length) return false;
  return f.args.every((a, i) => {
    const b = to.args[i];
    return (
      b !== undefined &&
      a.name === b.name &&
      a.mode === b.mode &&
      a.type.formatted === b.type.formatted &&
      (!a.hasDefault || b.hasDefault)
    );
  });
}

function classifyFunctions(d: Diff): void {
  if (!d.wants('function')) return;
  for (const [k, f] of d.from.functions) {
    const ref = refs.function(f.schema, f.name, f.identityArgs);
    const to = d.to.functions.get(k);
    if (to === undefined) {
      const id = d.plan.change({
        action: 'drop',
        kind: 'function',
        object: ref,
        summary: `drop ${f.kind} ${f.schema}.${f.name}(${f.identityArgs})`,
        fromSql: d.sql(d.from, ref),
      });
      d.markDropped(ref, id);
      continue;
    }
    if (same(routineBody(f), routineBody(to))) continue;
    // CREATE OR REPLACE AGGREGATE keeps the aggregate's kind too (normal, ordered-set, hypothetical).
    const replaceable =
      f.kind === to.kind &&
      f.aggregate?.kind === to.aggregate?.kind &&
      (f.argumentsText === to.argumentsText || defaultsOnlyGrow(f, to)) &&
      (f.returns.text ?? f.returns.type.formatted) === (to.returns.text ?? to.returns.type.formatted);
    if (replaceable) continue; // CREATE OR REPLACE, written with the other alters
    const id = d.plan.change({
      action: 'rebuild',
      kind: 'function',
      object: ref,
      summary: `recreate ${f.kind} ${f.schema}.${f.name}(${f.identityArgs}): its arguments or result change`,
      fromSql: d.sql(d.from, ref),
      toSql: d.sql(d.to, ref),
    });
    d.markRecreated(ref, { changeId: id, cause: null, because: null });
  }
  for (const [k, f] of d.to.functions) {
    if (d.from.functions.has(k)) continue;
    const ref = refs.function(f.schema, f.name, f.identityArgs);
    d.plan.change({
      action: 'add',
      kind: 'function',
      object: ref,
      summary: `create ${f.kind} ${f.schema}.${f.name}(${f.identityArgs})`,
      toSql: d.sql(d.to, ref),
    });
  }
}

/** Whether `a` is `b` with values only inserted (ADD VALUE can do it). */
export function labelsGrow(a: readonly string[], b: readonly string[]): boolean {
  let i = 0;
  for (const l of b) if (a[i] === l) i++;
  return i === a.length;
}

function classifyTypes(d: Diff): void {
  if (!d.wants('type')) return;
  for (const [k, t] of d.from.types) {
    const ref = refs.type(t.schema, t.name);
    const to = d.to.types.get(k);
    if (to === undefined) {
      const id = d.plan.change({
        action: 'drop',
        kind: 'type',
        object: ref,
        summary: `drop ${t.kind} type ${t.schema}.${t.name}`,
        fromSql: d.sql(d.from, ref),
      });
      d.markDropped(ref, id);
      continue;
    }
    let reason: string | null = null;
    if (t.kind !== to.kind) reason = `${t.kind} becomes ${to.kind}`;
    else if (t.kind === 'enum' && !labelsGrow(t.labels, to.labels))
      reason = `values removed or reordered (${t.labels.filter((l) => !to.labels.includes(l)).join(', ') || 'order'})`;
    else if (t.kind === 'domain' && t.domain?.baseType.formatted !== to.domain?.baseType.formatted)
      reason = 'its base type changes';
    else if (t.kind === 'domain' && !same(t.domain?.collation, to.domain?.collation))
      reason = 'its collation changes';
    else if (t.kind === 'range' && t.rangeSubtype?.formatted !== to.rangeSubtype?.formatted)
      reason = 'its subtype changes';
    else if (t.kind === 'range' && !same(t.range, to.range)) reason = 'its options change';
    else if (
      t.kind === 'composite' &&
      !same(
        t.attributes.filter((a) => to.attributes.some((b) => b.name === a.name)).map((a) => a.name),
        to.attributes.filter((b) => t.attributes.some((a) => a.name === b.name)).map((b) => b.name),
      )
    )
      reason = 'its attributes are reordered';
    else if (t.kind === 'composite' && !attributesAppended(t, to))
      // ADD ATTRIBUTE appends: one added between others needs the type made anew.
      reason = 'an attribute is added before others';
    else if (t.kind === 'composite' && attributeRetyped(t, to) && columnsOfType(d, t))
      // ALTER TYPE … ALTER ATTRIBUTE is refused while a column stores the type (0A000).
      reason = 'an attribute changes type while columns use it';
    else if (t.kind === 'domain' && domainTightens(t, to) && inContainers(d, t))
      // ALTER DOMAIN … ADD CONSTRAINT / SET NOT NULL cannot check values inside arrays or composites (0A000).
      reason = 'a check or NOT NULL is added while arrays or composites of it are stored';
    if (reason === null) continue;
    const id = d.plan.change({
      action: 'rebuild',
      kind: 'type',
      object: ref,
      summary: `rebuild type ${t.schema}.${t.name}: ${reason}`,
      fromSql: d.sql(d.from, ref),
      toSql: d.sql(d.to, ref),
    });
    d.typeRebuilt.set(refKey(ref), id);
  }
  for (const [k, t] of d.to.types) {
    if (d.from.types.has(k)) continue;
    const ref = refs.type(t.schema, t.name);
    d.plan.change({
      action: 'add',
      kind: 'type',
      object: ref,
      summary: `create ${t.kind} type ${t.schema}.${t.name}`,
      toSql: d.sql(d.to, ref),
    });
  }
}

/** Whether a table column (not a view's) stores the type or an array of it. */
function columnsOfType(d: Diff, t: UserType): boolean {
  const oids = new Set([t.oid, ...(t.arrayOid !== null ? [t.arrayOid] : [])]);
  for (const r of d.from.relations.values())
    if (isTable(r) && r.columns.some((c) => oids.has(c.type.oid))) return true;
  return false;
}

/** A domain that gains a validated check or NOT NULL (what ALTER DOMAIN checks stored values for). */
function domainTightens(a: UserType, b: UserType): boolean {
  if (a.domain === null || b.domain === null) return false;
  if (b.domain.notNull && !a.domain.notNull) return true;
  const had = new Map(a.domain.constraints.map((c) => [c.name, c]));
  return b.domain.constraints.some((c) => {
    const old = had.get(c.name);
    return (
      c.validated && !c.notNull && (old === undefined || old.definition !== c.definition || !old.validated)
    );
  });
}

/** Whether a table column stores the type inside an array, or a composite type holds it. */
function inContainers(d: Diff, t: UserType): boolean {
  if (t.arrayOid !== null) {
    const arrayOid = t.arrayOid;
    for (const r of d.from.relations.values())
      if (isTable(r) && r.columns.some((c) => c.type.oid === arrayOid)) return true;
  }
  for (const x of d.from.types.values())
    if (x.kind === 'composite' && x.attributes.some((a) => a.type.oid === t.oid || a.type.oid === t.arrayOid))
      return true;
  return false;
}
