import dagre from '@dagrejs/dagre';
import { endpointsOf, type ReachEndpoint, type ReachMap } from '../../shared/contract/advisor.js';

/** How an edge is drawn: a write, a read RLS filters, a read of every row (or an RPC running as its owner). */
export type ReachCategory = 'write' | 'filtered' | 'unfiltered';

export interface ReachNode {
  readonly id: string;
  readonly kind: 'role' | 'endpoint';
  readonly label: string;
  /** For endpoints: the worst category of any role reaching it. */
  readonly category: ReachCategory | null;
  readonly detail: string;
}

export interface ReachEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly category: ReachCategory;
  readonly label: string;
}

export interface ReachGraph {
  readonly nodes: readonly ReachNode[];
  readonly edges: readonly ReachEdge[];
}

export const categoryOf = (e: ReachEndpoint): ReachCategory =>
  e.write ? 'write' : e.rows === 'filtered' ? 'filtered' : 'unfiltered';

const WORST: Record<ReachCategory, number> = { write: 2, unfiltered: 1, filtered: 0 };
const endpointId = (e: ReachEndpoint) => `e:${e.schema}.${e.name}${e.args === null ? '' : `(${e.args})`}`;

/** The reach map as a graph: one node per request role and per endpoint, an edge per role reaching it. */
export function reachGraph(reach: ReachMap, roleFilter: string | null = null): ReachGraph {
  const nodes = new Map<string, ReachNode>();
  const edges: ReachEdge[] = [];
  for (const r of reach.roles) {
    if (roleFilter !== null && r.role !== roleFilter) continue;
    const roleId = `r:${r.role}`;
    nodes.set(roleId, {
      id: roleId,
      kind: 'role',
      label: r.role,
      category: null,
      detail: r.as === 'anon' ? 'anonymous' : 'JWT role',
    });
    for (const e of endpointsOf(reach, r)) {
      const id = endpointId(e);
      const category = categoryOf(e);
      const prev = nodes.get(id);
      if (!prev || (prev.category !== null && WORST[category] > WORST[prev.category]))
        nodes.set(id, { id, kind: 'endpoint', label: e.path, category, detail: e.kind });
      edges.push({
        id: `${roleId}->${id}`,
        source: roleId,
        target: id,
        category,
        label: e.methods
          .filter((m) => m.method !== 'HEAD')
          .map((m) => m.method)
          .join(' '),
      });
    }
  }
  return { nodes: [...nodes.values()], edges };
}

export interface Positioned {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 40;

/** Roles on the left, endpoints on the right, laid out by dagre (outside React). Top-left corners. */
export function layoutReach(graph: ReachGraph): Map<string, Positioned> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 160, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of graph.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out = new Map<string, Positioned>();
  for (const n of graph.nodes) {
    const p = g.node(n.id) as { x: number; y: number } | undefined;
    out.set(n.id, { id: n.id, x: (p?.x ?? 0) - NODE_WIDTH / 2, y: (p?.y ?? 0) - NODE_HEIGHT / 2 });
  }
  return out;
}
