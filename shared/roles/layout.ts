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

export function layoutGraph(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: LayoutOptions = {},
): LayoutResult {
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({
    rankdir: options.direction ?? 'TB',
    nodesep: options.nodeSep ?? 28,
    ranksep: options.rankSep ?? 70,
    marginx: 16,
    marginy: 16,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
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
