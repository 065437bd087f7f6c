import { describe, expect, it } from 'vitest';
import { member, role, smallCatalog } from '../../shared/model/testing/small-catalog.js';
import { roleGraph } from '../../shared/roles/graph.js';
import {
  bezierPoint,
  edgeBadge,
  edgeLabel,
  edgeTitle,
  graphSvg,
  labelSpots,
  placeGraph,
} from './graph-flow.js';

const graph = (major = 18) =>
  roleGraph(
    smallCatalog({
      major,
      roles: [role('auth', { canLogin: true, inherit: false }), role('anon'), role('we<ird"')],
      memberships: [
        member('anon', 'auth', { inherit: false }),
        member('we<ird"', 'auth', { set: false, admin: true, optionsFromServer: major >= 16 }),
      ],
    }),
    { anonRole: 'anon' },
  );

describe('graph → placed graph → SVG', () => {
  it('places every visible node and labels edges with the options the server has', () => {
    const p = placeGraph(graph(), { collapseSystem: true });
    expect(p.nodes.map((n) => n.id).sort()).toEqual(['anon', 'auth', 'pg_*', 'postgres', 'we<ird"']);
    expect(p.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);
    expect(p.edges.map(edgeLabel).sort()).toEqual(['ADMIN · INHERIT · NO SET', 'NOINHERIT · SET']);
    const pre16 = placeGraph(graph(15), {});
    expect(
      pre16.edges.find((e) => e.role === 'we<ird"') &&
        edgeLabel(pre16.edges.find((e) => e.role === 'we<ird"')!),
    ).toBe('ADMIN');
  });

  it('exports a standalone SVG with names escaped and broken edges dashed', () => {
    const svg = graphSvg(placeGraph(graph(), {}), 'dark');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('we&lt;ird&quot;');
    expect(svg).not.toContain('we<ird"');
    expect(svg).toContain('stroke-dasharray="5 4"');
  });
});

describe('label spots', () => {
  it('puts the labels of one member’s several memberships apart, each on its own edge', () => {
    const roles = ['hub', 'a', 'b', 'c', 'd', 'e'].map((r) => role(r));
    const g = roleGraph(
      smallCatalog({
        roles,
        memberships: ['a', 'b', 'c', 'd', 'e'].map((r) => member(r, 'hub', { admin: true })),
      }),
      {},
    );
    const placed = placeGraph(g, { search: 'hub' });
    const spots = labelSpots(placed, edgeBadge);
    expect(spots.size).toBe(5);
    const boxes = [...spots.values()];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [p, q] = [boxes[i]!, boxes[j]!];
        const apart =
          Math.abs(p.x - q.x) >= (p.width + q.width) / 2 || Math.abs(p.y - q.y) >= (p.height + q.height) / 2;
        expect(apart).toBe(true);
      }
    // Each spot lies on its edge's curve.
    const byId = new Map(placed.nodes.map((n) => [n.id, n]));
    for (const e of placed.edges) {
      const [a, b, s] = [byId.get(e.member)!, byId.get(e.role)!, spots.get(e.id)!];
      const p = bezierPoint(a.x + a.width / 2, a.y + a.height, b.x + b.width / 2, b.y, s.t);
      expect([p.x, p.y]).toEqual([s.x, s.y]);
    }
  });

  it('shows only what departs from a plain GRANT; the full options and grantor on hover', () => {
    const p = placeGraph(graph(), {});
    expect(p.edges.map(edgeBadge).sort()).toEqual(['ADMIN · NO SET', 'NOINHERIT']);
    expect(p.edges.map(edgeTitle).every((t) => t.includes('SET'))).toBe(true);
  });
});
