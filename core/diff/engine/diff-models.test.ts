import { describe, expect, it } from 'vitest';
import type { Catalog, Dependency, Relation } from '../../../shared/model/catalog.js';
import { grant, member, role, smallCatalog, table } from '../../../shared/model/testing/small-catalog.js';
import { diffModels } from './diff-models.js';

const TEXT = {
  oid: 25,
  schema: 'pg_catalog',
  name: 'text',
  formatted: 'text',
  kind: 'base',
  isArray: false,
  elementOid: null,
} as const;

function view(name: string, query: string, columns = ['id']): Relation {
  return { ...table('api', name, 'postgres', columns), kind: 'view', viewDefinition: query };
}
const dep = (from: string, to: string, via: Dependency['via'] = 'rule'): Dependency => ({
  from: { kind: 'relation', schema: 'api', name: from },
  to: { kind: 'relation', schema: 'api', name: to },
  kind: 'normal',
  via,
});
const model = (
  relations: Relation[],
  dependencies: Dependency[] = [],
  extra: Partial<Catalog> = {},
): Catalog => ({
  ...smallCatalog({ roles: [], relations }),
  dependencies,
  ...extra,
});
const sqls = (c: Catalog, d: Catalog, o = {}) => diffModels(c, d, o).statements.map((s) => s.sql);

describe('diffModels on hand-built models', () => {
  it('finds nothing between equal models', () => {
    const m = model([table('api', 't', 'postgres', ['id', 'name'])]);
    const r = diffModels(m, m);
    expect(r.equal).toBe(true);
    expect(r.statements).toEqual([]);
  });

  it('drops a view over a retyped column first and recreates it after, with hazards and reasons', () => {
    const a = model(
      [table('api', 't', 'postgres', ['id']), view('v', ' SELECT t.id FROM api.t;')],
      [dep('v', 't')],
    );
    const t2 = table('api', 't', 'postgres', ['id']);
    const b = model(
      [{ ...t2, columns: [{ ...t2.columns[0]!, type: TEXT }] }, view('v', ' SELECT t.id FROM api.t;')],
      [dep('v', 't')],
    );
    const r = diffModels(a, b);
    const text = r.statements.map((s) => s.sql);
    const drop = text.indexOf('DROP VIEW api.v');
    const alter = text.findIndex((s) => s.startsWith('ALTER TABLE api.t ALTER COLUMN id TYPE text'));
    const create = text.findIndex((s) => s.startsWith('CREATE VIEW api.v'));
    expect(drop).toBeGreaterThanOrEqual(0);
    expect(drop).toBeLessThan(alter);
    expect(alter).toBeLessThan(create);
    expect(r.statements[alter]?.hazards.map((h) => h.kind)).toContain('table_rewrite');
    const recreate = r.changes.find((c) => c.object.name === 'v');
    expect(recreate?.because).toMatch(/columns id of api\.t/);
    expect(recreate?.requires).toContain('column:alter:api.t');
    // Ticking the column change out takes the view's recreation with it.
    const skipped = diffModels(a, b, { skip: ['column:alter:api.t'] });
    expect(skipped.statements).toEqual([]);
    expect(skipped.skipped.map((s) => s.id).sort()).toEqual([recreate?.id, 'column:alter:api.t'].sort());
  });

  it('drops dependants before what they depend on, in reverse dependency order', () => {
    const a = model(
      [table('api', 't', 'postgres'), view('v1', ' SELECT 1;'), view('v2', ' SELECT 2;')],
      [dep('v1', 't'), dep('v2', 'v1')],
    );
    const b = model([]);
    expect(sqls(a, b)).toEqual(['DROP VIEW api.v2', 'DROP VIEW api.v1', 'DROP TABLE api.t']);
    const drop = diffModels(a, b).statements.find((s) => s.sql === 'DROP TABLE api.t');
    expect(drop?.hazards.map((h) => h.kind)).toEqual(['data_loss', 'breaks_dependants']);
  });

  it('creates forward on the TO graph', () => {
    const b = model(
      [view('v2', ' SELECT 2;'), view('v1', ' SELECT 1;'), table('api', 't', 'postgres')],
      [dep('v1', 't'), dep('v2', 'v1')],
    );
    const creates = sqls(model([]), b).filter((s) => s.startsWith('CREATE'));
    expect(creates.map((s) => s.split('\n')[0])).toEqual([
      'CREATE TABLE api.t (',
      'CREATE VIEW api.v1 AS',
      'CREATE VIEW api.v2 AS',
    ]);
  });

  it('reports a cycle with its members and writes nothing', () => {
    const b = model([view('v1', ' SELECT 1;'), view('v2', ' SELECT 2;')], [dep('v1', 'v2'), dep('v2', 'v1')]);
    const r = diffModels(model([]), b);
    expect(r.statements).toEqual([]);
    expect(r.cycles[0]?.members.map((m) => m.name).sort()).toEqual(['v1', 'v2']);
  });

  it('drops the rules of two tables that name each other first, then the tables', () => {
    const rule = (name: string, target: string) => ({
      name,
      event: 'insert' as const,
      definition: `CREATE RULE ${name} AS ON INSERT TO api.${target} DO ALSO NOTHING`,
      enabled: 'origin' as const,
      comment: null,
    });
    const ruled = (name: string, other: string): Relation => ({
      ...table('api', name, 'postgres'),
      rules: [rule(`${name}_${other}`, name)],
    });
    const a = model([ruled('a', 'b'), ruled('b', 'a')], [dep('a', 'b'), dep('b', 'a')]);
    const r = diffModels(a, model([]));
    expect(r.cycles).toEqual([]);
    expect(r.statements.map((s) => s.sql)).toEqual([
      'DROP RULE a_b ON api.a',
      'DROP RULE b_a ON api.b',
      'DROP TABLE api.a',
      'DROP TABLE api.b',
    ]);
    // Each DROP RULE is its table's drop, and each drop requires the other: one ticked out keeps both.
    expect(r.statements.map((s) => s.changeIds)).toEqual([
      ['table:drop:api.a'],
      ['table:drop:api.b'],
      ['table:drop:api.a'],
      ['table:drop:api.b'],
    ]);
    expect(diffModels(a, model([]), { skip: ['table:drop:api.a'] }).statements).toEqual([]);
  });

  it('still reports a drop cycle no rule breaks (views, whose rule edges are their queries)', () => {
    const a = model([view('v1', ' SELECT 1;'), view('v2', ' SELECT 2;')], [dep('v1', 'v2'), dep('v2', 'v1')]);
    const r = diffModels(a, model([]));
    expect(r.statements).toEqual([]);
    expect(r.cycles[0]?.members.map((m) => m.name).sort()).toEqual(['v1', 'v2']);
  });

  it('offers renames and carries them out only when accepted', () => {
    const a = model([table('api', 'clients', 'postgres', ['id', 'name'])]);
    const b = model([table('api', 'customers', 'postgres', ['id', 'name'])]);
    const offered = diffModels(a, b);
    expect(offered.renameCandidates).toEqual([
      {
        kind: 'table',
        from: { kind: 'relation', schema: 'api', name: 'clients' },
        to: { kind: 'relation', schema: 'api', name: 'customers' },
        similarity: 1,
      },
    ]);
    expect(offered.statements.map((s) => s.sql)).toContain('DROP TABLE api.clients');
    expect(sqls(a, b, { renames: 'all' })).toEqual(['ALTER TABLE api.clients RENAME TO customers']);
  });

  it('reproduces column order by a rebuild, or leaves it out with ignoreColumnOrder', () => {
    const a = model([table('api', 't', 'postgres', ['id', 'b'])]);
    const b = model([table('api', 't', 'postgres', ['id', 'a', 'b'])]);
    const rebuilt = diffModels(a, b);
    expect(rebuilt.changes.map((c) => c.action)).toEqual(['rebuild']);
    expect(
      rebuilt.statements.some((s) =>
        s.sql.startsWith(
          'INSERT INTO api.t (id, b) OVERRIDING SYSTEM VALUE SELECT id, b FROM api.t_gh_rebuild',
        ),
      ),
    ).toBe(true);
    expect(sqls(a, b, { ignoreColumnOrder: true })).toEqual(['ALTER TABLE api.t ADD COLUMN a integer']);
  });

  it('compares roles and memberships only with includeRoles', () => {
    const a = smallCatalog({ roles: [role('web', { canLogin: false })] });
    const b = smallCatalog({
      roles: [role('web', { canLogin: true }), role('api')],
      memberships: [member('api', 'web')],
    });
    expect(diffModels(a, b).equal).toBe(true);
    const r = sqls(a, b, { includeRoles: true });
    expect(r).toContain('ALTER ROLE web WITH LOGIN');
    expect(r.some((s) => s.startsWith('CREATE ROLE api'))).toBe(true);
    expect(r.some((s) => s.startsWith('GRANT api TO web'))).toBe(true);
  });

  it('ignores owners and grants when asked', () => {
    const a = model([table('api', 't', 'postgres')]);
    const b = model([table('api', 't', 'alice')]);
    expect(sqls(a, b)).toEqual(['ALTER TABLE api.t OWNER TO alice']);
    expect(diffModels(a, b, { ignoreOwners: true }).equal).toBe(true);
    expect(diffModels(a, b, { excludeKinds: ['owner'] }).equal).toBe(true);
  });

  it('writes no owner for a created object when owners are ignored', () => {
    const a = model([]);
    const b = model([table('api', 'n', 'alice', ['id'])]);
    expect(sqls(a, b).some((s) => s.includes('OWNER TO alice'))).toBe(true);
    const ignoring = sqls(a, b, { ignoreOwners: true });
    expect(ignoring.some((s) => s.startsWith('CREATE TABLE api.n'))).toBe(true);
    expect(ignoring.some((s) => s.includes('OWNER TO'))).toBe(false);
    // Its privileges, without the owner's own: only what others hold.
    const granted = model([table('api', 'n', 'alice', ['id'])], [], {
      grants: [grant('api.n', 'alice', 'SELECT'), grant('api.n', 'web', 'SELECT')],
    });
    const acl = sqls(a, granted, { ignoreOwners: true });
    expect(acl).toContain('REVOKE ALL PRIVILEGES ON TABLE api.n FROM PUBLIC');
    expect(acl).toContain('GRANT SELECT ON TABLE api.n TO web');
    expect(acl.some((s) => / alice\b/.test(s))).toBe(false);
  });

  it("names a parent's column order it cannot rebuild instead of leaving it different", () => {
    // c keeps (a, b) under p's new (b, a): only a table made on its own and then INHERITing has that, which needs
    // its inherited columns declared on it (the model says they are not).
    const child = { ...table('api', 'c', 'postgres', ['a', 'b']), inherits: [{ schema: 'api', name: 'p' }] };
    const a = model([table('api', 'p', 'postgres', ['a', 'b']), child]);
    const b = model([table('api', 'p', 'postgres', ['b', 'a']), child]);
    const r = diffModels(a, b);
    expect(r.unwritable.map((u) => [u.object.name, u.hint])).toEqual([
      ['p', 'Recreate it and its inheritance children by hand, or diff with --ignore-column-order.'],
    ]);
    expect(r.unwritable[0]?.reason).toMatch(
      /^its column order cannot be written: its child api\.c cannot follow it/,
    );
    expect(r.statements.some((s) => /RENAME|CREATE TABLE/.test(s.sql))).toBe(false);
    expect(diffModels(a, b, { ignoreColumnOrder: true }).unwritable).toEqual([]);
  });
});
