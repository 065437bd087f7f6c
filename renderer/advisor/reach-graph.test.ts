import { describe, expect, it } from 'vitest';
import type { ReachMap } from '../../shared/contract/advisor.js';
import { layoutReach, reachGraph } from './reach-graph.js';

const reach: ReachMap = {
  authenticator: 'authenticator',
  schemas: ['api'],
  endpoints: [
    {
      path: '/posts',
      schema: 'api',
      name: 'posts',
      kind: 'table',
      methods: [
        { method: 'GET', columns: null },
        { method: 'HEAD', columns: null },
      ],
      rows: 'filtered',
      write: false,
      args: null,
    },
    {
      path: '/notes',
      schema: 'api',
      name: 'notes',
      kind: 'table',
      methods: [{ method: 'GET', columns: null }],
      rows: 'unfiltered',
      write: false,
      args: null,
    },
    {
      path: '/posts',
      schema: 'api',
      name: 'posts',
      kind: 'table',
      methods: [
        { method: 'GET', columns: null },
        { method: 'POST', columns: null },
      ],
      rows: 'filtered',
      write: true,
      args: null,
    },
  ],
  roles: [
    { role: 'web_anon', as: 'anon', exists: true, runs: [0, 2] },
    { role: 'app_user', as: 'jwt', exists: true, runs: [2, 1] },
  ],
};

describe('reach graph', () => {
  it('has a node per role and endpoint, an edge per reach, coloured by write / filtered / unfiltered', () => {
    const g = reachGraph(reach);
    expect(g.nodes.map((n) => [n.id, n.category])).toEqual([
      ['r:web_anon', null],
      ['e:api.posts', 'write'],
      ['e:api.notes', 'unfiltered'],
      ['r:app_user', null],
    ]);
    expect(g.edges.map((e) => [e.source, e.target, e.category, e.label])).toEqual([
      ['r:web_anon', 'e:api.posts', 'filtered', 'GET'],
      ['r:web_anon', 'e:api.notes', 'unfiltered', 'GET'],
      ['r:app_user', 'e:api.posts', 'write', 'GET POST'],
    ]);
  });

  it('keeps one role when filtered', () => {
    const g = reachGraph(reach, 'app_user');
    expect(g.nodes.map((n) => n.id)).toEqual(['r:app_user', 'e:api.posts']);
  });

  it('lays roles out left of their endpoints, without overlaps', () => {
    const g = reachGraph(reach);
    const pos = layoutReach(g);
    expect(pos.get('r:web_anon')!.x).toBeLessThan(pos.get('e:api.posts')!.x);
    expect(pos.get('r:app_user')!.x).toBeLessThan(pos.get('e:api.posts')!.x);
    const endpoints = [pos.get('e:api.posts')!, pos.get('e:api.notes')!];
    expect(Math.abs(endpoints[0]!.y - endpoints[1]!.y)).toBeGreaterThanOrEqual(40);
  });
});
