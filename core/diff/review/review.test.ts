import { describe, expect, it } from 'vitest';
import type { ReviewConfig } from '../../../shared/diff/review.js';
import type { Catalog, Policy } from '../../../shared/model/catalog.js';
import { fn, grant, member, role, smallCatalog, table } from '../../../shared/model/testing/small-catalog.js';
import { reviewModels } from './review.js';

const config: ReviewConfig = { schemas: ['api'], anonRole: 'anon', authenticator: 'authenticator' };

const roles = [
  role('authenticator', { canLogin: true, inherit: false }),
  role('anon'),
  role('app_user'),
  role('developer', { canLogin: true }),
];
const memberships = [member('anon', 'authenticator'), member('app_user', 'authenticator')];
const usage = [grant('schema:api', 'anon', 'USAGE'), grant('schema:api', 'app_user', 'USAGE')];

function model(parts: Partial<Parameters<typeof smallCatalog>[0]> & { policies?: Policy[] } = {}): Catalog {
  const { policies, ...rest } = parts;
  const c = smallCatalog({ roles, memberships, ...rest, grants: [...usage, ...(rest.grants ?? [])] });
  return { ...c, policies: policies ?? [] };
}

function policy(name: string, extra: Partial<Policy> = {}): Policy {
  return {
    schema: 'api',
    table: 'orders',
    name,
    permissive: true,
    command: 'SELECT',
    roles: [{ kind: 'role', name: 'app_user' }],
    using: 'true',
    withCheck: null,
    comment: null,
    ...extra,
  };
}

const sentences = (from: Catalog, to: Catalog, c = config) =>
  reviewModels(from, to, c).items.map((i) => i.sentence);

describe('reviewModels', () => {
  it('says what anon gains on a new exposed table, per method, before the SQL would', () => {
    const before = model();
    const after = model({
      relations: [table('api', 'members', 'developer', ['id', 'name'])],
      grants: [grant('api.members', 'anon', 'SELECT')],
    });
    const review = reviewModels(before, after, config);
    expect(review.items).toHaveLength(1);
    expect(review.items[0]).toMatchObject({
      role: 'anon',
      as: 'anon',
      kind: 'endpoint',
      direction: 'gain',
      write: false,
      rank: 1,
      privilege: 'SELECT',
      methods: ['GET', 'HEAD'],
      path: '/members',
      columns: null,
      sentence: 'anon gains SELECT on api.members (GET /members)',
    });
    expect(review.roles.map((r) => [r.role, r.items.length])).toEqual([
      ['anon', 1],
      ['app_user', 0],
    ]);
    // And the reverse migration loses it.
    expect(sentences(after, before)).toEqual(['anon loses SELECT on api.members (GET /members)']);
  });

  it('orders anon gains first, then write gains, then read gains, changes and losses', () => {
    const orders = { ...table('api', 'orders', 'developer', ['id', 'status']), rlsEnabled: true };
    const before = model({
      relations: [orders, table('api', 'old_stats', 'developer')],
      grants: [grant('api.old_stats', 'app_user', 'SELECT'), grant('api.orders', 'app_user', 'SELECT')],
      policies: [policy('orders_read')],
    });
    const after = model({
      relations: [orders, table('api', 'members', 'developer', ['id', 'name'])],
      grants: [
        grant('api.orders', 'app_user', 'SELECT'),
        grant('api.orders', 'app_user', 'INSERT'),
        grant('api.members', 'anon', 'SELECT'),
        grant('api.members', 'app_user', 'SELECT'),
      ],
      policies: [policy('orders_read', { using: "status = 'open'" })],
    });
    expect(sentences(before, after)).toEqual([
      'anon gains SELECT on api.members (GET /members)',
      'app_user gains INSERT on api.orders (POST /orders)',
      'app_user gains SELECT on api.members (GET /members)',
      'policy orders_read on api.orders changes for app_user (USING)',
      'app_user loses SELECT on api.old_stats (GET /old_stats)',
    ]);
    expect(reviewModels(before, after, config).items.map((i) => i.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('names the columns a role gains or loses on an endpoint it keeps', () => {
    const before = model({
      relations: [table('api', 'members', 'developer', ['id', 'name', 'phone'])],
      grants: [
        grant('api.members', 'anon', 'SELECT'),
        grant('api.members.id', 'app_user', 'UPDATE'),
        grant('api.members.phone', 'app_user', 'UPDATE'),
      ],
    });
    // A column added to a table granted whole comes with the grant; phone's column grant went with the column.
    const after = model({
      relations: [table('api', 'members', 'developer', ['id', 'name', 'email'])],
      grants: [
        grant('api.members', 'anon', 'SELECT'),
        grant('api.members.id', 'app_user', 'UPDATE'),
        grant('api.members.name', 'app_user', 'UPDATE'),
      ],
    });
    const review = reviewModels(before, after, config);
    expect(review.items.map((i) => i.sentence)).toEqual([
      'anon gains SELECT on column email of api.members (GET /members)',
      'app_user gains UPDATE on column name of api.members (PATCH /members)',
      'anon loses SELECT on column phone of api.members (GET /members)',
      'app_user loses UPDATE on column phone of api.members (PATCH /members)',
    ]);
    expect(review.items[1]).toMatchObject({ kind: 'columns', write: true, columns: ['name'] });
  });

  it('lists the columns of a column-level endpoint gain', () => {
    const before = model({ relations: [table('api', 'members', 'developer', ['id', 'name', 'email'])] });
    const after = model({
      relations: [table('api', 'members', 'developer', ['id', 'name', 'email'])],
      grants: [grant('api.members.id', 'anon', 'SELECT'), grant('api.members.name', 'anon', 'SELECT')],
    });
    expect(sentences(before, after)).toEqual([
      'anon gains SELECT on api.members (columns id, name) (GET /members)',
    ]);
  });

  it('puts PUT with the write that completes it', () => {
    const rel = table('api', 'members', 'developer');
    const before = model({ relations: [rel], grants: [grant('api.members', 'app_user', 'INSERT')] });
    const after = model({
      relations: [rel],
      grants: [grant('api.members', 'app_user', 'INSERT'), grant('api.members', 'app_user', 'UPDATE')],
    });
    const [item] = reviewModels(before, after, config).items;
    expect(item).toMatchObject({ privilege: 'UPDATE', methods: ['PATCH', 'PUT'] });
    expect(item!.sentence).toBe('app_user gains UPDATE on api.members (PATCH, PUT /members)');
  });

  it('reviews RPCs: POST for volatile functions, GET once a function turns stable', () => {
    const volatile = fn('api', 'login', 'developer');
    const stable = { ...volatile, volatility: 'stable' as const };
    const granted = [grant('function api.login', 'anon', 'EXECUTE')];
    expect(sentences(model(), model({ functions: [volatile], grants: granted }))).toEqual([
      'anon gains EXECUTE on api.login() (POST /rpc/login)',
    ]);
    const review = reviewModels(
      model({ functions: [volatile], grants: granted }),
      model({ functions: [stable], grants: granted }),
      config,
    );
    expect(review.items.map((i) => i.sentence)).toEqual([
      'anon may now call api.login() with GET (/rpc/login)',
    ]);
    expect(review.items[0]).toMatchObject({ kind: 'rpc', methods: ['GET', 'HEAD'], write: false });
    // A volatile RPC gained by anon is a write: the most dangerous kind.
    expect(
      reviewModels(model(), model({ functions: [volatile], grants: granted }), config).items[0]!.rank,
    ).toBe(0);
  });

  it('says when RLS starts or stops filtering the rows a role reads', () => {
    const open = table('api', 'orders', 'developer');
    const filtered = { ...open, rlsEnabled: true };
    const grants = [grant('api.orders', 'app_user', 'SELECT')];
    expect(sentences(model({ relations: [open], grants }), model({ relations: [filtered], grants }))).toEqual(
      ['RLS now filters the rows app_user reaches in api.orders (GET /orders)'],
    );
    expect(sentences(model({ relations: [filtered], grants }), model({ relations: [open], grants }))).toEqual(
      ['app_user reads every row of api.orders: RLS no longer filters it (GET /orders)'],
    );
  });

  it('reviews added and removed policies for the roles they apply to, restrictive ones the other way', () => {
    const orders = { ...table('api', 'orders', 'developer'), rlsEnabled: true };
    const grants = [grant('api.orders', 'app_user', 'SELECT'), grant('api.orders', 'anon', 'SELECT')];
    const before = model({
      relations: [orders],
      grants,
      policies: [policy('gone', { roles: [{ kind: 'public' }] })],
    });
    const after = model({
      relations: [orders],
      grants,
      policies: [policy('owner', { command: 'ALL' }), policy('limit', { permissive: false, command: 'ALL' })],
    });
    expect(sentences(before, after)).toEqual([
      'app_user gains policy owner on api.orders (FOR ALL, permissive)',
      'anon loses policy gone on api.orders (FOR SELECT, permissive)',
      'app_user loses policy gone on api.orders (FOR SELECT, permissive)',
      'app_user gains restrictive policy limit on api.orders (FOR ALL, restrictive)',
    ]);
  });

  it('leaves out policies on tables the role reads only through an owner-rights view', () => {
    const orders = { ...table('api', 'orders', 'developer'), rlsEnabled: true };
    const view = { ...table('api', 'order_view', 'developer'), kind: 'view' as const };
    const deps = [
      {
        from: { kind: 'relation' as const, schema: 'api', name: 'order_view' },
        to: { kind: 'relation' as const, schema: 'api', name: 'orders' },
        kind: 'normal' as const,
        via: 'rule' as const,
      },
    ];
    const grants = [grant('api.order_view', 'anon', 'SELECT')];
    const before = { ...model({ relations: [orders, view], grants }), dependencies: deps };
    const after = { ...before, policies: [policy('p', { roles: [{ kind: 'public' }] })] };
    expect(sentences(before, after)).toEqual([]);
    const invoker = { ...view, securityInvoker: true };
    expect(
      sentences({ ...before, relations: [orders, invoker] }, { ...after, relations: [orders, invoker] }),
    ).toEqual(['anon gains policy p on api.orders (FOR SELECT, permissive)']);
  });

  it('reviews a role that exists on one side only, and infers the authenticator once for both sides', () => {
    const rel = table('api', 'members', 'developer');
    const before = model({ relations: [rel] });
    const after = {
      ...model({ relations: [rel], grants: [grant('api.members', 'editor', 'DELETE')] }),
    };
    const withEditor: Catalog = {
      ...after,
      roles: [...after.roles, role('editor')],
      memberships: [...after.memberships, member('editor', 'authenticator')],
      grants: [...after.grants, grant('schema:api', 'editor', 'USAGE')],
    };
    const review = reviewModels(before, withEditor, { ...config, authenticator: null });
    expect(review.authenticator).toEqual({ before: 'authenticator', after: 'authenticator' });
    expect(review.assumptions[0]).toContain('the authenticator is taken to be authenticator');
    const editor = review.roles.find((r) => r.role === 'editor')!;
    expect(editor).toMatchObject({ before: false, after: true });
    expect(editor.items.map((i) => i.sentence)).toEqual([
      'editor gains DELETE on api.members (DELETE /members)',
    ]);
  });

  it('has nothing to say about equal models or changes no request role sees', () => {
    const rel = table('api', 'members', 'developer');
    const before = model({ relations: [rel] });
    const after = model({ relations: [{ ...rel, comment: 'People' }, table('api', 'hidden', 'developer')] });
    expect(reviewModels(before, before, config).items).toEqual([]);
    expect(reviewModels(before, after, config).items).toEqual([]);
  });
});
