import { refKey, type Relation } from '../../../shared/model/catalog.js';
import { refs } from '../../ddl/statement.js';
import { markRebuilt, orderAfterAlters } from './classify.js';
import { same } from './compare.js';
import type { Diff } from './context.js';
import { relKey } from './side.js';

/** A table (plain or partitioned) whose column order differs from TO's after the ALTERs the diff writes. */
export interface OrderChange {
  readonly from: Relation;
  readonly to: Relation;
}

const key = (r: { schema: string; name: string }) => relKey(r.schema, r.name);
const names = (r: Relation) => r.columns.map((c) => c.name);

/**
 * How each column order is written, all together since an INHERITS tree moves as one:
 * - a partitioned table is recreated (it holds no rows): its partitions are detached meanwhile and attached again,
 *   each keeping its order or, where TO's differs, rebuilt itself;
 * - a partition is rebuilt (rows kept) detached from its parent, and attached again with its bound;
 * - an INHERITS parent is rebuilt together with every child (and theirs), each child after it: the parent's rows
 *   alone are copied, each child's own; a child rebuilt for its own order follows its parents as they end;
 * - a plain table is rebuilt.
 * A child whose order CREATE TABLE … INHERITS does not give, and which cannot be made on its own and then INHERIT
 * (that keeps any order, but needs every inherited column and check declared on it), is named as not written, and so
 * is every parent whose rebuild it would have to follow.
 */
export function writeColumnOrders(d: Diff, changes: readonly OrderChange[]): void {
  const children = new Map<string, Relation[]>();
  for (const r of d.from.relations.values())
    for (const p of r.inherits) children.set(key(p), [...(children.get(key(p)) ?? []), r]);
  const byKey = new Map(changes.map((c) => [key(c.from), c]));
  const tree: OrderChange[] = [];
  for (const c of changes) {
    const ref = refs.relation(c.from.schema, c.from.name);
    const order = c.to.columns.map((x) => x.name).join(', ');
    if (c.from.kind === 'partitioned_table') {
      if (!d.wants('table')) continue;
      const id = d.plan.change({
        action: 'rebuild',
        kind: 'table',
        object: ref,
        summary: `recreate ${c.from.schema}.${c.from.name} for its column order (${order}): its partitions are detached meanwhile and attached again, rows kept`,
        fromSql: d.sql(d.from, ref),
        toSql: d.sql(d.to, ref),
      });
      d.markRecreated(ref, { changeId: id, cause: null, because: null });
    } else if (c.from.inherits.length > 0 || c.to.inherits.length > 0 || children.has(key(c.from)))
      tree.push(c);
    else
      markRebuilt(
        d,
        c.from,
        `rebuild ${c.from.schema}.${c.from.name} for its column order (${order}), rows kept`,
      );
  }
  writeInheritance(d, tree, children, byKey);
}

/** The INHERITS tables whose order differs: rebuilt with every descendant, or named with the reason they cannot be. */
function writeInheritance(
  d: Diff,
  wantedChanges: readonly OrderChange[],
  children: ReadonlyMap<string, readonly Relation[]>,
  changes: ReadonlyMap<string, OrderChange>,
): void {
  const wanted = new Set(wantedChanges.map((c) => key(c.from)));
  const refused = new Map<string, string>();
  const closure = (roots: Iterable<string>): Set<string> => {
    const out = new Set<string>();
    const visit = (k: string) => {
      if (out.has(k)) return;
      out.add(k);
      for (const c of children.get(k) ?? []) visit(key(c));
    };
    for (const k of roots) visit(k);
    return out;
  };
  for (;;) {
    const set = closure(wanted);
    const bad = [...set]
      .map((k) => [k, followProblem(d, k, set, changes)] as const)
      .find(([, p]) => p !== null);
    if (bad === undefined) break;
    const [k, problem] = bad;
    // Neither it nor what it would follow is rebuilt: each is named with the reason.
    for (const w of [...wanted])
      if (closure([w]).has(k)) {
        wanted.delete(w);
        refused.set(
          w,
          w === k ? (problem ?? '') : `its child ${label(k)} cannot follow it: ${problem ?? ''}`,
        );
      }
  }
  const set = closure(wanted);
  const ids = new Map<string, string>();
  const mark = (k: string): string | undefined => {
    if (ids.has(k)) return ids.get(k);
    const from = d.from.relations.get(k);
    const to = d.to.relations.get(k);
    if (from === undefined || to === undefined || d.isDropped(refs.relation(from.schema, from.name))) return;
    // Parents first: a child's rebuild goes with its parent's (ticking one out leaves both).
    const parent = from.inherits.map(key).find((p) => set.has(p) && mark(p) !== undefined);
    const order = to.columns.map((c) => c.name).join(', ');
    const summary = wanted.has(k)
      ? `rebuild ${label(k)} for its column order (${order}), rows kept`
      : `rebuild ${label(k)} with its parent ${label(parent ?? '')}: its columns (${order}) follow the parent's, rows kept`;
    const id =
      parent === undefined
        ? markRebuilt(d, from, summary)
        : markRebuilt(d, from, summary, {
            changeId: ids.get(parent) ?? '',
            because: `${label(parent)} is rebuilt for its column order`,
          });
    ids.set(k, id);
    return id;
  };
  for (const k of set) mark(k);
  for (const [k, reason] of refused) {
    const c = changes.get(k);
    if (c === undefined) continue;
    const ref = refs.relation(c.from.schema, c.from.name);
    const id = d.plan.change({
      action: 'alter',
      kind: 'column',
      object: ref,
      summary: `column order of ${label(k)}: ${c.to.columns.map((x) => x.name).join(', ')}`,
      fromSql: d.sql(d.from, ref),
      toSql: d.sql(d.to, ref),
    });
    d.unwritable.push({
      changeId: id,
      object: ref,
      reason: `its column order cannot be written: ${reason}`,
      hint: 'Recreate it and its inheritance children by hand, or diff with --ignore-column-order.',
    });
  }
}

const label = (k: string) => k.replace('\0', '.');

/**
 * Why a table of the tree to rebuild cannot be written in TO's order, or null: CREATE TABLE … INHERITS puts its
 * parents' columns first (in the order they end with, first parent first) and its own after; a table whose
 * inherited columns are all declared on it (and whose checks are all its own) is made on its own and then INHERITs,
 * which keeps any order.
 */
function followProblem(
  d: Diff,
  k: string,
  rebuilt: ReadonlySet<string>,
  changes: ReadonlyMap<string, OrderChange>,
): string | null {
  const from = d.from.relations.get(k);
  const to = d.to.relations.get(k);
  if (from === undefined || to === undefined) return null; // dropped: it goes before its parent's old copy
  const ref = refs.relation(from.schema, from.name);
  if (d.isRecreated(ref)) return null; // dropped and made again from TO
  if (from.kind !== 'table' || to.kind !== 'table')
    return `${label(k)} is a ${from.kind.replace('_', ' ')}, which is not rebuilt with its rows.`;
  if (to.inherits.length === 0) return null;
  const { inherited, made } = inheritedOrder(d, to, (p) => rebuilt.has(key(p)) || !changes.has(key(p)));
  if (same(made, names(to))) return null;
  const undeclared = to.columns.find((c) => inherited.has(c.name) && c.declared !== true);
  const copied = to.constraints.find((c) => c.local === false);
  if (undeclared === undefined && copied === undefined) return null;
  const why =
    undeclared !== undefined
      ? `it only inherits ${undeclared.name} (an order a parent's ADD COLUMN after it was made leaves)`
      : `its check ${copied?.name ?? ''} is only its parent's copy`;
  return `CREATE TABLE … INHERITS would give ${label(k)} (${made.join(', ')}), not (${names(to).join(', ')}), and it cannot be made on its own and then INHERIT: ${why}.`;
}

/**
 * The order CREATE TABLE … INHERITS gives `to` (`made`): its parents' columns first (`inherited`, first parent
 * first), in the order each ends with (TO's where `ends` says so, else what its ALTERs leave it: its own order not
 * written), then its own.
 */
function inheritedOrder(
  d: Diff,
  to: Relation,
  ends: (parent: Relation) => boolean,
): { inherited: ReadonlySet<string>; made: string[] } {
  const made: string[] = [];
  for (const p of to.inherits) {
    const next = d.to.relations.get(key(p));
    const prev = d.from.relations.get(key(p));
    if (next === undefined) continue;
    const order =
      prev === undefined || d.isRecreated(refs.relation(p.schema, p.name)) || ends(prev)
        ? names(next)
        : (orderAfterAlters(d, prev, next) ?? names(next));
    for (const c of order) if (!made.includes(c)) made.push(c);
  }
  const inherited = new Set(made);
  for (const c of names(to)) if (!inherited.has(c)) made.push(c);
  return { inherited, made };
}

/** Whether a rebuilt INHERITS child is made on its own and then INHERITs (its order is not the inherited one). */
export function inheritsAfterCreate(d: Diff, to: Relation): boolean {
  if (to.inherits.length === 0) return false;
  const { made } = inheritedOrder(d, to, (p) => d.rebuilt.has(refKey(refs.relation(p.schema, p.name))));
  return !same(made, names(to));
}
