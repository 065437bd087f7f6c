import dagre from '@dagrejs/dagre';

/**
 * A layered layout of a directed graph (dagre, top to bottom: a member above the roles it is granted, so the
 * authenticator sits above the request roles). Pure: sizes in, positions out, no DOM.
 */

export interface LayoutNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export interface LayoutEdge {
  readonly source: string;
  readonly target: string;
}

export interface LayoutResult {
  /** Top-left corner of each node. */
  readonly positions: ReadonlyMap<string, { readonly x: number; readonly y: number }>;
  readonly width: number;
  readonly height: number;
}

export interface LayoutOptions {
  readonly direction?: 'TB' | 'LR';
  readonly nodeSep?: number;
  readonly rankSep?: number;
}

/**
 * The edges dagre needs to rank a large graph, and the ranks themselves: with ranks by longest path, every node but
 * the sources has an edge from the rank just above it, and those edges alone give the same ranks. Edges spanning
 * several ranks would each add a dummy node per rank crossed (a chain of 300 roles with 1,000 memberships: ~100,000
 * of them); React Flow draws every edge from the final positions anyway.
 */
export function longestPathRanks(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
): { readonly tight: LayoutEdge[]; readonly rank: ReadonlyMap<string, number> } {
  const ids = new Set(nodes.map((n) => n.id));
  const out = new Map<string, string[]>();
  const indegree = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  const unique = new Map<string, LayoutEdge>();
  for (const e of edges)
    if (ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      unique.set(`${e.source}\0${e.target}`, e);
  for (const e of unique.values()) {
    const targets = out.get(e.source);
    if (targets) targets.push(e.target);
    else out.set(e.source, [e.target]);
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  }
  // Kahn's order; nodes left over sit on a cycle (not possible for memberships) and keep rank 0.
  const rank = new Map<string, number>();
  const queue = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  for (const id of queue) rank.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const t of out.get(id) ?? []) {
      rank.set(t, Math.max(rank.get(t) ?? 0, rank.get(id)! + 1));
      const d = indegree.get(t)! - 1;
      indegree.set(t, d);
      if (d === 0) queue.push(t);
    }
  }
  for (const n of nodes) if (!rank.has(n.id)) rank.set(n.id, 0);
  const tight = [...unique.values()].filter((e) => rank.get(e.target)! - rank.get(e.source)! === 1);
  return { tight, rank };
}

export function tightEdges(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): LayoutEdge[] {
  return longestPathRanks(nodes, edges).tight;
}

/** Above this many edges only the tight ones are given to dagre (see longestPathRanks). */
const FULL_LAYOUT_EDGES = 200;

type DagreGraph = InstanceType<typeof dagre.graphlib.Graph>;

/** dagre runs a function given as `ranker` (its lib/rank.ts) on the graph it lays out, instead of its own rankers. */
const givenRanks = (rank: ReadonlyMap<string, number>) => (rg: DagreGraph) => {
  for (const v of rg.nodes()) (rg.node(v) as { rank?: number }).rank = 2 * (rank.get(v) ?? -1);
};

export function layoutGraph(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: LayoutOptions = {},
): LayoutResult {
  const large = edges.length > FULL_LAYOUT_EDGES;
  const ranked = large ? longestPathRanks(nodes, edges) : null;
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({
    rankdir: options.direction ?? 'TB',
    nodesep: options.nodeSep ?? 28,
    ranksep: options.rankSep ?? 70,
    marginx: 16,
    marginy: 16,
    // A large graph comes ranked already: on its tight edges (a forest of unit-length edges) network simplex
    // finds those very ranks, at nearly half the layout's time (300 roles: ~150 of ~300 ms CPU). dagre has doubled
    // every edge's minlen to make room for edge labels by then, hence 2 × rank; its nesting root (no rank of
    // ours) goes one step above rank 0.
    ...(ranked && {
      ranker: givenRanks(ranked.rank),
    }),
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of ranked ? ranked.tight : edges)
    if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const positions = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const p = g.node(n.id);
    positions.set(n.id, { x: p.x - n.width / 2, y: p.y - n.height / 2 });
  }
  const label = g.graph();
  return { positions, width: label.width ?? 0, height: label.height ?? 0 };
}

/** Node size for a role card: wide enough for the name and a row of badges (no DOM to measure text in). */
export function roleNodeSize(
  name: string,
  badgeLabels: readonly string[],
): { width: number; height: number } {
  const nameWidth = 7.4 * [...name].length + 40;
  const badgeWidth = badgeLabels.reduce((w, b) => w + 6.2 * b.length + 14, 0);
  const rows = badgeWidth > 260 ? 2 : badgeWidth > 0 ? 1 : 0;
  return {
    width: Math.round(Math.min(300, Math.max(150, nameWidth, Math.min(badgeWidth, 260) + 20))),
    height: 44 + rows * 20,
  };
}
