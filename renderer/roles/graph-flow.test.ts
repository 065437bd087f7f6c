import { describe, expect, it } from 'vitest';
import { member, role, smallCatalog } from '../../shared/model/testing/small-catalog.js';
import { roleGraph } from '../../shared/roles/graph.js';
import { edgeLabel, graphSvg, placeGraph } from './graph-flow.js';

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
