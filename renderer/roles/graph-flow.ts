import {
  filterGraph,
  isGroupNode,
  type GraphFilter,
  type MembershipEdge,
  type RoleGraph,
  type RoleNode,
  type SystemGroupNode,
} from '../../shared/roles/graph.js';
import { layoutGraph, roleNodeSize } from '../../shared/roles/layout.js';

/** A positioned node of the drawn graph (plain data: the React Flow adapter and the SVG export both use it). */
export interface PlacedNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly node: RoleNode | SystemGroupNode;
}

export interface PlacedGraph {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly MembershipEdge[];
  readonly width: number;
  readonly height: number;
}

export function edgeLabel(e: MembershipEdge): string {
  const opts = [
    e.admin ? 'ADMIN' : null,
    e.optionsFromServer ? (e.inherit ? 'INHERIT' : 'NOINHERIT') : null,
    e.optionsFromServer ? (e.set ? 'SET' : 'NO SET') : null,
  ].filter((x): x is string => x !== null);
  return opts.join(' · ');
}

/** model graph → filter → sizes → dagre layout: pure, so it is tested and benchmarked without a DOM. */
export function placeGraph(graph: RoleGraph, filter: GraphFilter): PlacedGraph {
  const visible = filterGraph(graph, filter);
  const sized = visible.nodes.map((n) => {
    const size = isGroupNode(n)
      ? { width: 170, height: 52 }
      : roleNodeSize(
          n.id,
          n.badges.map((b) => b.label),
        );
    return { id: n.id, node: n, ...size };
  });
  const layout = layoutGraph(
    sized,
    visible.edges.map((e) => ({ source: e.member, target: e.role })),
  );
  return {
    nodes: sized.map((s) => ({ ...s, ...layout.positions.get(s.id)! })),
    edges: visible.edges,
    width: layout.width,
    height: layout.height,
  };
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The drawn graph as a standalone SVG document (for design reviews), in the theme's colours. */
export function graphSvg(g: PlacedGraph, theme: 'light' | 'dark'): string {
  const c =
    theme === 'dark'
      ? {
          bg: '#111318',
          card: '#181b22',
          border: '#2c313c',
          text: '#e6e8ec',
          muted: '#9aa3b2',
          edge: '#5b6475',
          accent: '#7c9cff',
          danger: '#f07167',
        }
      : {
          bg: '#f7f8fa',
          card: '#ffffff',
          border: '#c9ced6',
          text: '#1b1f24',
          muted: '#5b6471',
          edge: '#8a93a0',
          accent: '#3b63d6',
          danger: '#c0352f',
        };
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(g.width)}" height="${Math.ceil(g.height)}" viewBox="0 0 ${Math.ceil(g.width)} ${Math.ceil(g.height)}" font-family="Segoe UI, Roboto, Helvetica, Arial, sans-serif">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${c.edge}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="${c.bg}"/>`,
  ];
  for (const e of g.edges) {
    const a = byId.get(e.member);
    const b = byId.get(e.role);
    if (!a || !b) continue;
    const x1 = a.x + a.width / 2;
    const y1 = a.y + a.height;
    const x2 = b.x + b.width / 2;
    const y2 = b.y;
    const stroke = e.broken ? c.danger : c.edge;
    parts.push(
      `<path d="M${x1},${y1} C${x1},${(y1 + y2) / 2} ${x2},${(y1 + y2) / 2} ${x2},${y2}" fill="none" stroke="${stroke}" stroke-width="1.5"${e.broken ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#arrow)"/>`,
    );
    const label = edgeLabel(e);
    if (label !== '')
      parts.push(
        `<text x="${(x1 + x2) / 2}" y="${(y1 + y2) / 2}" font-size="10" fill="${c.muted}" text-anchor="middle">${esc(label)}</text>`,
      );
  }
  for (const n of g.nodes) {
    const role = isGroupNode(n.node) ? null : n.node;
    const problem = role !== null && role.problems.some((p) => p.severity === 'error');
    parts.push(
      `<rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="8" fill="${c.card}" stroke="${problem ? c.danger : role?.parts.length ? c.accent : c.border}" stroke-width="${role?.parts.length ? 2 : 1}"/>`,
      `<text x="${n.x + 12}" y="${n.y + 20}" font-size="13" font-weight="600" fill="${c.text}">${esc(isGroupNode(n.node) ? `pg_* (${n.node.group.length})` : n.id)}</text>`,
    );
    if (role !== null) {
      const line = [...role.parts, ...role.badges.map((b) => b.label)].join(' · ');
      if (line !== '')
        parts.push(
          `<text x="${n.x + 12}" y="${n.y + 38}" font-size="10" fill="${c.muted}">${esc(line)}</text>`,
        );
    }
  }
  parts.push('</svg>');
  return parts.join('\n');
}
