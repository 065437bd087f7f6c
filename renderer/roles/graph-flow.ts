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

/**
 * The label an edge always shows: only what departs from a plain GRANT (ADMIN, NOINHERIT, NO SET) — on 16+ every
 * edge has INHERIT and SET, and a member with several memberships drew a stack of identical "INHERIT · SET" labels
 * over each other. The full options and the grantor show on hover and selection, and in the picture export.
 */
export function edgeBadge(e: MembershipEdge): string {
  const opts = [
    e.admin ? 'ADMIN' : null,
    e.optionsFromServer && !e.inherit ? 'NOINHERIT' : null,
    e.optionsFromServer && !e.set ? 'NO SET' : null,
  ].filter((x): x is string => x !== null);
  return opts.join(' · ');
}

/** The full label: every option and who granted it. */
export function edgeTitle(e: MembershipEdge): string {
  const opts = edgeLabel(e);
  const by = e.grantors.length > 0 ? `by ${e.grantors.join(', ')}` : '';
  return [opts, by].filter((x) => x !== '').join(' · ');
}

/**
 * The point at `t` of the curve React Flow draws from a bottom handle to a top handle (its bezier edge: control
 * points half the vertical distance away, or 25·0.25·√d when the target is above), so a label placed by `t`
 * stays on its edge when a node is dragged.
 */
export function bezierPoint(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  t: number,
): { x: number; y: number } {
  const d = ty - sy;
  const off = d >= 0 ? 0.5 * d : 0.25 * 25 * Math.sqrt(-d);
  const [c1y, c2y] = [sy + off, ty - off];
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const e = t * t * t;
  return { x: (a + b) * sx + (c + e) * tx, y: a * sy + b * c1y + c * c2y + e * ty };
}

/** Estimated size of an edge label (10px text with padding; no DOM to measure in). */
export function labelBox(text: string): { width: number; height: number } {
  return { width: Math.ceil(6.2 * [...text].length + 12), height: 16 };
}

export interface LabelSpot {
  /** Where along the edge, 0 at the member, 1 at the role. */
  readonly t: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where the labels may go along an edge, best first: the middle, then out towards either end. */
const SPOTS = [0.5, 0.38, 0.62, 0.28, 0.72, 0.44, 0.56, 0.2, 0.8, 0.33, 0.67];

/**
 * A place along its edge for each label, clear of the other labels and of the nodes where one exists (greedy,
 * edges in graph order; the least overlapping spot otherwise). Edges leaving one member (or reaching one role)
 * run close together near that node, so their labels slide apart along them.
 */
export function labelSpots(
  g: PlacedGraph,
  text: (e: MembershipEdge) => string,
): ReadonlyMap<string, LabelSpot> {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  type Box = { x0: number; y0: number; x1: number; y1: number };
  const pad = 3;
  const nodes: Box[] = g.nodes.map((n) => ({ x0: n.x, y0: n.y, x1: n.x + n.width, y1: n.y + n.height }));
  const placed: Box[] = [];
  const overlap = (a: Box, b: Box) =>
    Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) *
    Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const spots = new Map<string, LabelSpot>();
  for (const e of g.edges) {
    const label = text(e);
    const a = byId.get(e.member);
    const b = byId.get(e.role);
    if (label === '' || !a || !b) continue;
    const size = labelBox(label);
    const [sx, sy, tx, ty] = [a.x + a.width / 2, a.y + a.height, b.x + b.width / 2, b.y];
    let best: { spot: LabelSpot; box: Box; cost: number } | null = null;
    for (const t of SPOTS) {
      const p = bezierPoint(sx, sy, tx, ty, t);
      const box = {
        x0: p.x - size.width / 2 - pad,
        y0: p.y - size.height / 2 - pad,
        x1: p.x + size.width / 2 + pad,
        y1: p.y + size.height / 2 + pad,
      };
      // Another label hidden is worse than a label over a card's edge.
      const cost =
        placed.reduce((s, o) => s + 4 * overlap(box, o), 0) + nodes.reduce((s, o) => s + overlap(box, o), 0);
      if (best === null || cost < best.cost) best = { spot: { t, ...p, ...size }, box, cost };
      if (cost === 0) break;
    }
    placed.push(best!.box);
    spots.set(e.id, best!.spot);
  }
  return spots;
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
  const height = Math.ceil(g.height) + 18; // room for the key at the foot
  // The labels the canvas shows (full ones, grantor included, piled up on a dense graph), each at its own spot;
  // the picture says what a plain edge means.
  const spots = labelSpots(g, edgeBadge);
  const labels: string[] = [];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(g.width)}" height="${height}" viewBox="0 0 ${Math.ceil(g.width)} ${height}" font-family="Segoe UI, Roboto, Helvetica, Arial, sans-serif">`,
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
    const off = y2 >= y1 ? 0.5 * (y2 - y1) : 0.25 * 25 * Math.sqrt(y1 - y2); // as bezierPoint
    parts.push(
      `<path d="M${x1},${y1} C${x1},${y1 + off} ${x2},${y2 - off} ${x2},${y2}" fill="none" stroke="${stroke}" stroke-width="1.5"${e.broken ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#arrow)"/>`,
    );
    const spot = spots.get(e.id);
    if (spot !== undefined)
      labels.push(
        `<rect x="${spot.x - spot.width / 2}" y="${spot.y - spot.height / 2}" width="${spot.width}" height="${spot.height}" rx="4" fill="${c.card}" stroke="${c.border}"/>`,
        `<text x="${spot.x}" y="${spot.y + 3.5}" font-size="10" fill="${c.muted}" text-anchor="middle">${esc(edgeBadge(e))}</text>`,
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
      // Wrapped to the card (no DOM to measure in: ~6 px a character at 10 px).
      const lines: string[] = [];
      for (const word of [...role.parts, ...role.badges.map((b) => b.label)]) {
        const last = lines[lines.length - 1];
        if (last !== undefined && (last.length + 3 + word.length) * 6 <= n.width - 20)
          lines[lines.length - 1] = `${last} · ${word}`;
        else lines.push(word);
      }
      lines
        .slice(0, 2)
        .forEach((line, i) =>
          parts.push(
            `<text x="${n.x + 12}" y="${n.y + 38 + 14 * i}" font-size="10" fill="${c.muted}">${esc(line)}</text>`,
          ),
        );
    }
  }
  // Labels above the edges and the cards, so a label slid towards a card stays readable.
  parts.push(
    ...labels,
    `<text x="16" y="${height - 8}" font-size="10" fill="${c.muted}">An arrow runs from a member to the role it is granted; unlabelled memberships are plain (${g.edges.some((e) => e.optionsFromServer) ? 'INHERIT, SET, ' : ''}no ADMIN).</text>`,
    '</svg>',
  );
  return parts.join('\n');
}
