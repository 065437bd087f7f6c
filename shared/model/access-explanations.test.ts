import { describe, expect, it } from 'vitest';
import { explainColumnGrant, explainRowCount, applicablePolicies } from './access-explanations.js';
import type { Catalog, Policy } from './catalog.js';
import { grant, member, role, smallCatalog, table } from './testing/small-catalog.js';

const policy = (name: string, to: string | null, extra: Partial<Policy> = {}): Policy => ({
  schema: 'api',
  table: 'orders',
  name,
  permissive: true,
  command: 'ALL',
  roles: to === null ? [{ kind: 'public' }] : [{ kind: 'role', name: to }],
  using: "user_id = current_setting('request.jwt.claims')::json->>'sub'",
  withCheck: null,
  comment: null,
  ...extra,
});

const base = smallCatalog({
  roles: [role('developer'), role('app_user'), role('app_admin'), role('alice_group'), role('anon')],
  memberships: [member('app_user', 'alice_group')],
  relations: [{ ...table('api', 'orders', 'developer', ['id', 'user_id', 'status']), rlsEnabled: true }],
  grants: [
    grant('api.orders', 'app_user', 'SELECT'),
    grant('api.orders.status', 'app_user', 'UPDATE'),
    grant('api.orders.id', 'anon', 'SELECT'),
    grant('api.orders.status', 'anon', 'SELECT'),
  ],
});
const model: Catalog = {
  ...base,
  policies: [
    policy('orders_owner', 'app_user'),
    policy('orders_admin', 'app_admin'),
    policy('orders_read_public', null, { command: 'SELECT', using: 'true' }),
    policy('orders_no_archived', 'app_user', {
      permissive: false,
      command: 'UPDATE',
      using: 'status <> $$x$$',
    }),
  ],
};
const check = { schema: 'api', table: 'orders', role: 'app_user' } as const;

describe('silent RLS filtering', () => {
  it('names the USING clause of the policies that apply to the role and command', () => {
    expect(explainRowCount(model, { ...check, command: 'DELETE', matching: 1, affected: 0 })).toEqual({
      headline: '0 of 1 matching rows deleted',
      reason:
        'hidden from app_user by the USING clause of policy orders_owner; the persona only deleted the rows it may see.',
      policies: [model.policies[0]],
    });
    const update = explainRowCount(model, { ...check, command: 'UPDATE', matching: 1, affected: 0 });
    expect(update?.headline).toBe('0 of 1 matching rows updated');
    expect(update?.reason).toContain('policy orders_owner (and the restrictive policy orders_no_archived)');
  });

  it('reads: PUBLIC policies and inherited roles count', () => {
    const r = explainRowCount(model, {
      ...check,
      role: 'alice_group',
      command: 'SELECT',
      matching: 3,
      affected: 2,
    });
    expect(r?.headline).toBe('2 of 3 rows visible');
    expect(r?.policies.map((p) => p.name)).toEqual(['orders_owner', 'orders_read_public']);
    expect(applicablePolicies(model, { schema: 'api', name: 'orders' }, 'anon', 'UPDATE')).toEqual([]);
  });

  it('says default deny when no permissive policy applies, and nothing when every row was touched', () => {
    expect(
      explainRowCount(model, { ...check, role: 'anon', command: 'UPDATE', matching: 2, affected: 0 })?.reason,
    ).toBe(
      'hidden from anon: no permissive UPDATE policy on orders applies to anon, so row-level security hides every row (default deny).',
    );
    expect(explainRowCount(model, { ...check, command: 'SELECT', matching: 2, affected: 2 })).toBeNull();
    expect(explainRowCount(null, { ...check, command: 'SELECT', matching: 2, affected: 1 })?.reason).toBe(
      '1 hidden from app_user by row-level security.',
    );
  });
});

describe('column grants', () => {
  const orders = { schema: 'api', name: 'orders' };
  it('says which columns are granted and which asked-for ones are not', () => {
    expect(explainColumnGrant(model, 'app_user', orders, 'UPDATE', ['user_id'])).toBe(
      'UPDATE on orders is granted to app_user only on column status; user_id is not granted',
    );
    expect(explainColumnGrant(model, 'anon', orders, 'SELECT', ['id', 'user_id', 'status', 'nope'])).toBe(
      'SELECT on orders is granted to anon only on columns id and status; user_id is not granted',
    );
    // Inherited through membership.
    expect(explainColumnGrant(model, 'alice_group', orders, 'UPDATE', ['id', 'user_id'])).toBe(
      'UPDATE on orders is granted to alice_group only on column status; id and user_id are not granted',
    );
  });

  it('stays silent when the table privilege is held, no column is granted, or every column asked is', () => {
    expect(explainColumnGrant(model, 'app_user', orders, 'SELECT', ['user_id'])).toBeNull();
    expect(explainColumnGrant(model, 'app_admin', orders, 'UPDATE', ['user_id'])).toBeNull();
    expect(explainColumnGrant(model, 'app_user', orders, 'UPDATE', ['status'])).toBeNull();
    expect(explainColumnGrant(model, 'ghost', orders, 'UPDATE', ['status'])).toBeNull();
  });
});
