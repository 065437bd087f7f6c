import type { DiffKind } from '../../../shared/diff/migration.js';
import { refKey, refLabel, type ObjectRef, type Relation } from '../../../shared/model/catalog.js';
import type { Diff, MemberPart } from './context.js';
import { markRebuilt, rebuildable } from './classify.js';
import { mentionsColumn } from './compare.js';
import { fnKey, relKey } from './side.js';

type Mode = 'dropped' | 'rebuilt' | 'type_rebuilt' | 'touched';

interface Cause {
  readonly ref: ObjectRef;
  readonly changeId: string;
  readonly mode: Mode;
  readonly why: string;
}

const PART_OF_VIA: Partial<Record<string, MemberPart>> = {
  policy: 'policy',
  trigger: 'trigger',
  default: 'default',
  constraint: 'constraint',
  index: 'index',
  rule: 'rule',
};

/** The part of a table that carries an edge of this kind, when it is one that can be dropped and recreated. */
export function memberPartOf(via: string): MemberPart | undefined {
  return PART_OF_VIA[via];
}

const PART_KIND = {
  policy: 'policy',
  trigger: 'trigger',
  default: 'column',
  constraint: 'constraint',
  index: 'index',
  rule: 'rule',
} as const;

/**
 * Follows the FROM model's pg_depend edges from every object that is dropped, rebuilt or has columns dropped or
 * retyped to what depends on it: views, functions and types are dropped and recreated (and their own dependants
 * in turn); policies, triggers, defaults, constraints and indexes of tables that stay are dropped and recreated
 * around the change. Each such dependant is a change of its own that requires its cause (and the cause requires
 * it: neither can go without the other).
 */
export function followDependants(d: Diff): void {
  const queue: Cause[] = [];
  for (const { ref, changeId } of d.dropped.values())
    queue.push({
      ref,
      changeId,
      mode: 'dropped',
      why: `${refLabel(ref)} is ${d.isRecreated(ref) ? 'recreated' : 'dropped'}`,
    });
  for (const [k, changeId] of d.rebuilt) {
    const ref = keyRef(k, 'relation');
    if (ref !== undefined) queue.push({ ref, changeId, mode: 'rebuilt', why: `${refLabel(ref)} is rebuilt` });
  }
  for (const [k, changeId] of d.typeRebuilt) {
    const ref = keyRef(k, 'type');
    if (ref !== undefined)
      queue.push({ ref, changeId, mode: 'type_rebuilt', why: `type ${refLabel(ref)} is rebuilt` });
  }
  for (const [k, columns] of d.touched) {
    const ref = keyRef(k, 'relation');
    if (ref === undefined) continue;
    const changeId = columnChangeId(d, ref);
    const why = `columns ${columns} of ${refLabel(ref)} are dropped or change type`;
    queue.push({ ref, changeId, mode: 'touched', why });
    // Its own policies and triggers may use those columns (the model drops a table's edges to itself), and
    // ALTER COLUMN TYPE refuses a column either uses (0A000): they go first and come back after.
    if ((d.from.policies.get(relKey(ref.schema ?? '', ref.name)) ?? []).length > 0)
      memberRecreate(d, ref.schema ?? '', ref.name, 'policy', changeId, why);
    const names = d.touchedColumns.get(k);
    const triggers = d.from.relations.get(relKey(ref.schema ?? '', ref.name))?.triggers ?? [];
    if (triggers.some((t) => triggerUses(t.definition, names)))
      memberRecreate(d, ref.schema ?? '', ref.name, 'trigger', changeId, why);
  }
  for (let cause = queue.shift(); cause !== undefined; cause = queue.shift()) {
    const changed = cause.mode === 'touched' ? d.touchedColumns.get(refKey(cause.ref)) : undefined;
    for (const e of d.from.dependants.get(cause.ref) ?? []) {
      // pg_depend names the columns a view or policy uses: one using none of the changed columns stays.
      if (changed !== undefined && e.columns !== undefined && !e.columns.some((c) => changed.has(c)))
        continue;
      const dep = e.from;
      const dropped = d.dropped.get(refKey(dep));
      if (dropped !== undefined) {
        d.plan.require(cause.changeId, dropped.changeId);
        continue;
      }
      if (dep.kind === 'relation') {
        const r = d.from.relations.get(relKey(dep.schema ?? '', dep.name));
        if (r === undefined) continue;
        if (r.kind === 'view' || r.kind === 'materialized_view') {
          const next = recreate(d, dep, cause);
          if (next !== null) queue.push(next);
          continue;
        }
        const part = PART_OF_VIA[e.via];
        // A generated column over a function that is recreated: no expression can stand while the function is
        // gone, nor be set anew on a column that lost it, so the table is rebuilt with its rows (its old copy
        // drops its expressions first, rebuildTable).
        // (Before 15 the column itself depends on the function, an auto edge that DROP EXPRESSION leaves.)
        const generation = part === 'default' || (e.via === 'direct' && e.kind === 'auto');
        if (generation && cause.mode === 'dropped' && cause.ref.kind === 'function') {
          const next = rebuildForFunction(d, r, cause);
          if (next !== null) queue.push(next);
          if (next !== null || d.rebuilt.has(refKey(dep))) continue;
        }
        if (part !== undefined) {
          // Policies and rules name columns: a column retyped or dropped under one is refused (0A000).
          if (cause.mode === 'touched' && part !== 'policy' && part !== 'rule') continue;
          memberRecreate(d, r.schema, r.name, part, cause.changeId, cause.why);
          continue;
        }
        // A partition key over a column of the rebuilt type cannot move (42P16): the parent goes and comes back,
        // its partitions detached meanwhile and moved on their own (their rows kept).
        if (cause.mode === 'type_rebuilt' && keyOfType(d, r, cause.ref)) {
          const next = recreateTable(d, dep, cause);
          if (next !== null) queue.push(next);
          continue;
        }
        if (cause.mode === 'type_rebuilt' && !d.touched.has(refKey(dep)) && !d.rebuilt.has(refKey(dep))) {
          // Its columns move onto the rebuilt type: what depends on them follows. A foreign key between two
          // such columns would be re-checked while one side is moved and the other not (42804): the keys from
          // and to the table go first and come back after.
          recreateForeignKeys(d, r, cause);
          d.touched.set(refKey(dep), `of type ${refLabel(cause.ref)}`);
          queue.push({ ref: dep, changeId: cause.changeId, mode: 'touched', why: cause.why });
        }
        continue;
      }
      // A SQL-standard body (RETURN …, BEGIN ATOMIC) records the columns it uses, and ALTER COLUMN TYPE
      // refuses them (0A000): the function is recreated around the change, what uses it in turn.
      if (dep.kind === 'function') {
        const f = d.from.functions.get(
          fnKey({ schema: dep.schema ?? '', name: dep.name, identityArgs: dep.args ?? '' }),
        );
        if (f === undefined) continue;
        const next = recreate(d, dep, cause);
        if (next !== null) queue.push(next);
        continue;
      }
      if (cause.mode === 'touched') continue;
      if (dep.kind === 'type') {
        const k = refKey(dep);
        if (d.typeRebuilt.has(k) || !d.to.types.has(relKey(dep.schema ?? '', dep.name))) continue;
        const type = d.from.types.get(relKey(dep.schema ?? '', dep.name));
        // A multirange is its range's: dropped and created with it.
        if (type?.kind === 'multirange') continue;
        // A domain's check calling a function that is recreated: the checks go and come back around it (the
        // domain and its columns stay).
        if (e.via === 'type' && type?.kind === 'domain' && cause.mode === 'dropped') {
          recreateDomainChecks(d, dep, cause);
          continue;
        }
        const id = followChange(d, undefined, cause.changeId, cause.why, {
          kind: 'type',
          object: dep,
          summary: `rebuild type ${refLabel(dep)}`,
        });
        if (id === null) continue;
        d.typeRebuilt.set(k, id);
        queue.push({ ref: dep, changeId: id, mode: 'type_rebuilt', why: `type ${refLabel(dep)} is rebuilt` });
      }
    }
  }
}

function rebuildForFunction(d: Diff, r: Relation, cause: Cause): Cause | null {
  const ref: ObjectRef = { kind: 'relation', schema: r.schema, name: r.name };
  const next = d.to.relations.get(relKey(r.schema, r.name));
  const uses = r.columns.filter((c) => c.generation !== null && mentionsColumn(c.generation, cause.ref.name));
  if (uses.length === 0 || next === undefined || d.rebuilt.has(refKey(ref)) || !rebuildable(d, r, next))
    return null;
  const names = uses.map((c) => c.name).join(', ');
  const id = markRebuilt(
    d,
    r,
    `rebuild ${r.schema}.${r.name} with its rows: its generated ${uses.length === 1 ? 'column' : 'columns'} ${names} ${uses.length === 1 ? 'calls' : 'call'} ${refLabel(cause.ref)}, which is recreated`,
    { changeId: cause.changeId, because: cause.why },
  );
  return { ref, changeId: id, mode: 'rebuilt', why: `${refLabel(ref)} is rebuilt` };
}

/** Whether a table's partition key names a column of the type. */
function keyOfType(d: Diff, r: Relation, type: ObjectRef): boolean {
  const t = d.from.types.get(relKey(type.schema ?? '', type.name));
  if (r.partitionKey === null || t === undefined) return false;
  const key = r.partitionKey;
  return r.columns.some(
    (c) => (c.type.oid === t.oid || c.type.oid === t.arrayOid) && mentionsColumn(key, c.name),
  );
}

function recreateTable(d: Diff, dep: ObjectRef, cause: Cause): Cause | null {
  if (!d.to.relations.has(relKey(dep.schema ?? '', dep.name))) return null;
  const id = followChange(d, d.recreated.get(refKey(dep))?.changeId, cause.changeId, cause.why, {
    kind: 'table',
    object: dep,
    summary: `recreate ${refLabel(dep)}: its partition key is of a type that is rebuilt`,
  });
  if (id === null) return null;
  d.markRecreated(dep, { changeId: id, cause: cause.changeId, because: cause.why });
  return { ref: dep, changeId: id, mode: 'dropped', why: `${refLabel(dep)} is recreated` };
}

function recreateDomainChecks(d: Diff, dep: ObjectRef, cause: Cause): void {
  const id = followChange(d, d.domainChecks.get(refKey(dep)), cause.changeId, cause.why, {
    kind: 'type',
    object: dep,
    summary: `drop and recreate the checks of domain ${refLabel(dep)}`,
  });
  if (id !== null) d.domainChecks.set(refKey(dep), id);
}

/** The foreign keys of `table` and those referencing it, dropped and added again around `cause`. */
function recreateForeignKeys(d: Diff, table: Relation, cause: Cause): void {
  const referencing = referencingTables(d).get(relKey(table.schema, table.name)) ?? [];
  const own = table.constraints.some((k) => k.kind === 'foreign_key' && !k.inherited);
  for (const r of own ? [table, ...referencing] : referencing)
    memberRecreate(d, r.schema, r.name, 'constraint', cause.changeId, cause.why);
}

/** FROM's tables with a foreign key to each table, by relKey (computed once per diff). */
const referencingCache = new WeakMap<Diff, Map<string, Relation[]>>();
export function referencingTables(d: Diff): Map<string, Relation[]> {
  let map = referencingCache.get(d);
  if (map === undefined) {
    map = new Map();
    for (const r of d.from.relations.values())
      for (const k of r.constraints) {
        if (k.kind !== 'foreign_key' || k.foreignKey === null || k.inherited) continue;
        const key = relKey(k.foreignKey.table.schema, k.foreignKey.table.name);
        const list = map.get(key) ?? [];
        if (!list.includes(r)) list.push(r);
        map.set(key, list);
      }
    referencingCache.set(d, map);
  }
  return map;
}

/**
 * Whether a trigger's definition (pg_get_triggerdef) names one of `columns` in UPDATE OF or WHEN: any of them when
 * the set is unknown. A word match, so at worst a trigger is recreated that did not need to be.
 */
function triggerUses(definition: string, columns: ReadonlySet<string> | undefined): boolean {
  if (!/ UPDATE OF | WHEN \(/.test(definition)) return false;
  return columns === undefined || [...columns].some((c) => mentionsColumn(definition, c));
}

function keyRef(key: string, kind: 'relation' | 'type'): ObjectRef | undefined {
  // keys are refKeys: kind\0schema\0name\0\0
  const [, schema, name] = key.split('\0');
  if (schema === undefined || name === undefined) return undefined;
  return { kind, schema, name };
}

/** The change carrying a table's column alterations (registered now so dependants can require it). */
export function columnChangeId(d: Diff, table: ObjectRef): string {
  const id = `column:alter:${refLabel(table)}`;
  if (d.plan.get(id) === undefined)
    d.plan.change({
      action: 'alter',
      kind: 'column',
      object: table,
      summary: `alter columns of ${refLabel(table)}`,
      fromSql: d.sql(d.from, table),
      toSql: d.sql(d.to, table),
    });
  return id;
}

/**
 * The change of a dependant that follows `cause`, tied to it both ways (neither goes without the other): null when
 * the dependant has one already (`existing`), which is then tied to this cause too.
 */
function followChange(
  d: Diff,
  existing: string | undefined,
  causeId: string,
  because: string,
  c: { kind: DiffKind; object: ObjectRef; summary: string },
): string | null {
  if (existing !== undefined) {
    d.plan.require(existing, causeId);
    d.plan.require(causeId, existing);
    return null;
  }
  const id = d.plan.change({
    action: 'rebuild',
    ...c,
    because,
    requires: [causeId],
    fromSql: d.sql(d.from, c.object),
    toSql: d.sql(d.to, c.object),
  });
  d.plan.require(causeId, id);
  return id;
}

function recreate(d: Diff, dep: ObjectRef, cause: Cause): Cause | null {
  const exists =
    dep.kind === 'function'
      ? d.to.functions.has(fnKey({ schema: dep.schema ?? '', name: dep.name, identityArgs: dep.args ?? '' }))
      : d.to.relations.has(relKey(dep.schema ?? '', dep.name));
  if (!exists) return null;
  const r = dep.kind === 'relation' ? d.from.relations.get(relKey(dep.schema ?? '', dep.name)) : undefined;
  const kind =
    dep.kind === 'function' ? 'function' : r?.kind === 'materialized_view' ? 'materialized_view' : 'view';
  const id = followChange(d, d.recreated.get(refKey(dep))?.changeId, cause.changeId, cause.why, {
    kind,
    object: dep,
    summary: `drop and recreate ${refLabel(dep)}`,
  });
  if (id === null) return null;
  d.markRecreated(dep, { changeId: id, cause: cause.changeId, because: cause.why });
  return { ref: dep, changeId: id, mode: 'dropped', why: `${refLabel(dep)} is recreated` };
}

function memberRecreate(
  d: Diff,
  schema: string,
  table: string,
  part: MemberPart,
  causeId: string,
  why: string,
): void {
  const id = followChange(d, d.memberRecreate(schema, table, part)?.changeId, causeId, why, {
    kind: PART_KIND[part],
    object: { kind: 'relation', schema, name: table },
    summary: `drop and recreate the ${part === 'policy' ? 'policies' : `${part}s`} of ${schema}.${table}`,
  });
  if (id === null) return;
  d.recreateMembers(schema, table, part, id, why);
}
