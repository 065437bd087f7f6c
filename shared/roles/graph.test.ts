import { describe, expect, it } from 'vitest';
import { member, role, smallCatalog, table } from '../model/testing/small-catalog.js';
import { filterGraph, isGroupNode, roleBadges, roleGraph, SYSTEM_GROUP } from './graph.js';
import { layoutGraph, longestPathRanks, roleNodeSize, tightEdges } from './layout.js';

const postgrestModel = (major = 18) =>
  smallCatalog({
    major,
    roles: [
      role('authenticator', { canLogin: true, inherit: false, hasPassword: true }),
      role('anon'),
      role('app_user', { canLogin: true }),
      role('app_admin', { bypassRls: true }),
      role('owner'),
      role('pg_read_all_data'),
      role('pg_monitor'),
    ],
    memberships: [
      member('anon', 'authenticator'),
      member('app_user', 'authenticator'),
      // Before 16 the model stores set: true on every membership (SET ROLE follows any chain).
      member('app_admin', 'authenticator', { set: major < 16 }),
      member('pg_read_all_data', 'pg_monitor'),
    ],
    relations: [table('api', 'members', 'owner')],
  });

describe('role graph', () => {
  it('draws the PostgREST shape: authenticator, anon, request roles, owners', () => {
    const g = roleGraph(postgrestModel(), { schemas: ['api'], anonRole: 'anon' });
    const parts = Object.fromEntries(g.nodes.map((n) => [n.id, n.parts]));
    expect(g.view.authenticator).toEqual({ name: 'authenticator', source: 'inferred', exists: true });
    expect(parts.authenticator).toEqual(['authenticator']);
    expect(parts.anon).toEqual(['anon', 'request']);
    expect(parts.app_user).toEqual(['request']);
    expect(parts.app_admin).toEqual([]); // 16+: no SET option, so not a request role
    expect(parts.owner).toEqual(['owner']);
  });

  it('highlights what cannot work: no SET option, LOGIN request roles, BYPASSRLS', () => {
    const g = roleGraph(postgrestModel(), { schemas: ['api'], anonRole: 'anon' });
    const messages = g.problems.map((p) => `${p.role}: ${p.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^app_admin: .*may not SET ROLE/));
    expect(messages).toContainEqual(expect.stringMatching(/^app_user: Request role app_user can log in/));
    const edge = g.edges.find((e) => e.member === 'authenticator' && e.role === 'app_admin');
    expect(edge?.broken).toBe(true);
    expect(g.edges.find((e) => e.role === 'anon')?.broken).toBe(false);
  });

  it('before 16 every membership may SET ROLE: app_admin is a request role that bypasses RLS', () => {
    const g = roleGraph(postgrestModel(15), { schemas: ['api'], anonRole: 'anon' });
    expect(g.nodes.find((n) => n.id === 'app_admin')?.parts).toEqual(['request']);
    expect(g.problems.map((p) => p.message)).toContainEqual(
      'Request role app_admin bypasses row-level security: policies do not protect its requests.',
    );
  });

  it('reports a configured authenticator that does not exist and an unreachable anon role', () => {
    const g = roleGraph(postgrestModel(), {
      schemas: ['api'],
      anonRole: 'owner',
      authenticator: 'authenticator',
    });
    expect(g.problems.map((p) => p.message)).toContain(
      'authenticator may not SET ROLE to db-anon-role owner: anonymous requests fail.',
    );
    const missing = roleGraph(postgrestModel(), { schemas: ['api'], authenticator: 'nobody' });
    expect(missing.problems[0]?.message).toBe('The authenticator nobody named by the config does not exist.');
  });

  it('merges one edge per member and role, keeping every grantor', () => {
    const c = smallCatalog({
      roles: [role('a'), role('b'), role('c')],
      memberships: [
        member('b', 'a', { grantor: 'postgres' }),
        member('b', 'a', { grantor: 'c', admin: true }),
      ],
    });
    const g = roleGraph(c);
    expect(g.edges).toHaveLength(1);
    expect(g.edges[0]).toMatchObject({ member: 'a', role: 'b', admin: true, grantors: ['postgres', 'c'] });
  });

  it('badges: attributes, connection limit, password set or expired, never the hash', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const labels = (r: Parameters<typeof roleBadges>[0]) => roleBadges(r, now).map((b) => b.label);
    expect(
      labels(role('x', { superuser: true, canLogin: true, replication: true, connectionLimit: 3 })),
    ).toEqual(['SUPERUSER', 'LOGIN', 'REPLICATION', 'CONN ≤ 3']);
    expect(labels(role('y', { hasPassword: true, validUntil: '2026-01-01T00:00:00Z' }))).toEqual([
      'PASSWORD EXPIRED',
    ]);
    expect(labels(role('z', { canLogin: true, hasPassword: false, inherit: false }))).toEqual([
      'LOGIN',
      'NOINHERIT',
      'NO PASSWORD',
    ]);
  });

  it('filters by search (with neighbours), collapses pg_* roles, keeps only the PostgREST shape', () => {
    const g = roleGraph(postgrestModel(), { schemas: ['api'], anonRole: 'anon' });
    const ids = (f: Parameters<typeof filterGraph>[1]) =>
      filterGraph(g, f)
        .nodes.map((n) => n.id)
        .sort();
    expect(ids({ search: 'ANON' })).toEqual(['anon', 'authenticator']);
    const collapsed = filterGraph(g, { collapseSystem: true });
    const group = collapsed.nodes.find((n) => n.id === SYSTEM_GROUP);
    expect(group !== undefined && isGroupNode(group) ? group.group : null).toEqual([
      'pg_database_owner',
      'pg_monitor',
      'pg_read_all_data',
    ]);
    expect(collapsed.edges.some((e) => e.member === SYSTEM_GROUP || e.role === SYSTEM_GROUP)).toBe(false);
    expect(ids({ postgrestOnly: true })).toEqual(['anon', 'app_user', 'authenticator', 'owner', 'postgres']);
  });
});

describe('layout', () => {
  it('places members above the roles they are granted, without overlaps', () => {
    const g = roleGraph(postgrestModel(), { schemas: ['api'], anonRole: 'anon' });
    const nodes = g.nodes.map((n) => ({
      id: n.id,
      ...roleNodeSize(
        n.id,
        n.badges.map((b) => b.label),
      ),
    }));
    const r = layoutGraph(
      nodes,
      g.edges.map((e) => ({ source: e.member, target: e.role })),
    );
    const y = (id: string) => r.positions.get(id)!.y;
    expect(y('authenticator')).toBeLessThan(y('anon'));
    expect(y('authenticator')).toBeLessThan(y('app_user'));
    const boxes = nodes.map((n) => ({ ...r.positions.get(n.id)!, w: n.width, h: n.height }));
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
    expect(r.width).toBeGreaterThan(0);
  });

  it('a large graph is ranked from its tight edges alone: every member still sits above its roles', () => {
    const nodes = Array.from({ length: 120 }, (_, i) => ({ id: `r${i}`, width: 150, height: 44 }));
    const edges = [];
    for (let i = 0; i < 119; i++)
      for (const j of [i + 1, i + 3, i + 17]) if (j < 120) edges.push({ source: `r${i}`, target: `r${j}` });
    const tight = tightEdges(nodes, edges);
    expect(tight.length).toBeLessThan(edges.length);
    expect(tight).toContainEqual({ source: 'r0', target: 'r1' });
    expect(tight).not.toContainEqual({ source: 'r0', target: 'r17' });
    const r = layoutGraph(nodes, edges);
    for (const e of edges) expect(r.positions.get(e.source)!.y).toBeLessThan(r.positions.get(e.target)!.y);
    // dagre is handed the longest-path ranks (no network simplex): one row per rank, in rank order.
    const { rank } = longestPathRanks(nodes, edges);
    const rowOf = new Map<number, number>();
    for (const n of nodes) {
      const y = r.positions.get(n.id)!.y;
      expect(rowOf.get(rank.get(n.id)!) ?? y).toBe(y);
      rowOf.set(rank.get(n.id)!, y);
    }
    const rows = [...rowOf].sort((a, b) => a[0] - b[0]).map(([, y]) => y);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
  });
});
