import { GatehouseError } from '../../shared/errors.js';
import { refKey, refLabel, type Dependency, type ObjectRef } from '../../shared/model/catalog.js';

export interface OrderNode {
  readonly ref: ObjectRef;
  /** Tie-break among objects free to go: lower first (so types come before tables before views). */
  readonly rank: number;
}

/**
 * Orders objects so each comes after what it depends on (the model's pg_depend edges), ties broken by rank and
 * then input order, so the result is deterministic. `follow` picks the edges that order creation. A cycle is
 * reported with its members, never emitted half-ordered.
 */
export function dependencyOrder<N extends OrderNode>(
  nodes: readonly N[],
  dependencies: readonly Dependency[],
  follow: (d: Dependency) => boolean,
): N[] {
  const r = orderOrCycle(nodes, dependencies, follow);
  if ('cycle' in r) throw cycleError(r.cycle);
  return r.order;
}

/**
 * dependencyOrder without throwing: the order, or one cycle's members (each depending on the next, the last on
 * the first) when the objects cannot be ordered. The migration diff reports the cycle instead of failing.
 */
export function orderOrCycle<N extends OrderNode>(
  nodes: readonly N[],
  dependencies: readonly Dependency[],
  follow: (d: Dependency) => boolean,
): { order: N[] } | { cycle: N[] } {
  const index = new Map<string, number>();
  nodes.forEach((n, i) => index.set(refKey(n.ref), i));
  const edges: [number, number][] = [];
  for (const d of dependencies) {
    if (!follow(d)) continue;
    const from = index.get(refKey({ ...d.from, member: undefined }));
    const to = index.get(refKey({ ...d.to, member: undefined }));
    if (from === undefined || to === undefined || from === to) continue;
    edges.push([to, from]);
  }
  const r = orderIndices(
    nodes.map((n) => n.rank),
    edges,
  );
  return 'cycle' in r
    ? { cycle: r.cycle.map((i) => nodes[i] as N) }
    : { order: r.order.map((i) => nodes[i] as N) };
}

/**
 * The topological sort under both: `edges` are [first, then] pairs of node indices; among nodes free to go the
 * lower rank goes first, then the lower index. Returns the indices in order, or one cycle's members.
 */
export function orderIndices(
  ranks: readonly number[],
  edges: readonly (readonly [number, number])[],
): { order: number[] } | { cycle: number[] } {
  const dependents: number[][] = ranks.map(() => []);
  const waiting = new Array<number>(ranks.length).fill(0);
  for (const [first, then] of edges) {
    if (first === then) continue;
    dependents[first]?.push(then);
    waiting[then] = (waiting[then] ?? 0) + 1;
  }
  const before = (a: number, b: number) => {
    const ra = ranks[a] ?? 0;
    const rb = ranks[b] ?? 0;
    return ra !== rb ? ra < rb : a < b;
  };
  const heap = new MinHeap(before);
  waiting.forEach((w, i) => {
    if (w === 0) heap.push(i);
  });
  const out: number[] = [];
  for (let i = heap.pop(); i !== undefined; i = heap.pop()) {
    out.push(i);
    for (const d of dependents[i] ?? []) {
      waiting[d] = (waiting[d] ?? 0) - 1;
      if (waiting[d] === 0) heap.push(d);
    }
  }
  if (out.length < ranks.length) return { cycle: findCycle(dependents, waiting) };
  return { order: out };
}

function findCycle(dependents: number[][], waiting: number[]): number[] {
  // Walk dependents among the still-waiting nodes until one repeats: that loop is a cycle.
  const stuck = new Set(waiting.flatMap((w, i) => (w > 0 ? [i] : [])));
  let at = stuck.values().next().value as number;
  const path: number[] = [];
  const seen = new Map<number, number>();
  while (!seen.has(at)) {
    seen.set(at, path.length);
    path.push(at);
    at = (dependents[at] ?? []).find((d) => stuck.has(d)) ?? at;
  }
  return path.slice(seen.get(at));
}

function cycleError(members: readonly OrderNode[]): GatehouseError {
  const cycle = members.map((n) => refLabel(n.ref));
  return new GatehouseError('GH222', 'The objects depend on each other in a cycle and cannot be ordered.', {
    details: `Cycle: ${[...cycle, cycle[0]].join(' → ')}`,
    hint: 'Break the cycle (e.g. create one side without the dependency and ALTER it afterwards).',
  });
}

class MinHeap {
  private readonly items: number[] = [];
  constructor(private readonly before: (a: number, b: number) => boolean) {}

  push(v: number): void {
    const a = this.items;
    a.push(v);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.before(a[i] as number, a[p] as number)) break;
      [a[i], a[p]] = [a[p] as number, a[i] as number];
      i = p;
    }
  }

  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l] as number, a[m] as number)) m = l;
        if (r < a.length && this.before(a[r] as number, a[m] as number)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as number, a[i] as number];
        i = m;
      }
    }
    return top;
  }
}
