import { describe, expect, it } from 'vitest';
import type { Catalog, Policy } from '../../shared/model/catalog.js';
import { grant, member, role, smallCatalog, table } from '../../shared/model/testing/small-catalog.js';
import { explainError, type PgrstErrorBody } from './explain-error.js';

const policy = (name: string, to: string, extra: Partial<Policy> = {}): Policy => ({
  schema: 'api',
  table: 'orders',
  name,
  permissive: true,
  command: 'ALL',
  roles: [{ kind: 'role', name: to }],
  using: "user_id = current_setting('request.jwt.claims', true)::json->>'sub'",
  withCheck: null,
  comment: null,
  ...extra,
});

const base = smallCatalog({
  roles: [role('developer'), role('app_user'), role('app_admin'), role('anon'), role('alice_group')],
  memberships: [member('app_user', 'alice_group')],
  relations: [{ ...table('api', 'orders', 'developer', ['id', 'user_id', 'status']), rlsEnabled: true }],
  grants: [
    grant('api.orders', 'app_user', 'SELECT'),
    grant('api.orders.status', 'app_user', 'UPDATE'),
    grant('api.orders.status', 'app_user', 'INSERT'),
    grant('api.orders.id', 'anon', 'SELECT'),
  ],
});
const catalog: Catalog = {
  ...base,
  policies: [
    policy('orders_owner', 'app_user'),
    policy('orders_admin', 'app_admin'),
    policy('orders_read', 'app_user', { command: 'SELECT' }),
  ],
};
const error = (message: string, code = '42501'): PgrstErrorBody => ({
  code,
  message,
  details: null,
  hint: null,
});
const ctx = (method: string, role: string | null, columns: string[] = []) => ({
  catalog,
  schemas: ['api'],
  role,
  method,
  columns,
});

describe('explaining what PostgREST answered', () => {
  it('an UPDATE whose new row fails WITH CHECK names the UPDATE policies of the role, linked to Policies', () => {
    const e = explainError(
      error('new row violates row-level security policy for table "orders"'),
      ctx('PATCH', 'alice_group'),
    );
    expect(e.plain).toContain('no UPDATE policy on orders for "alice_group" accepts it');
    // orders_owner applies through membership; the admin's and the SELECT-only policy do not
    expect(e.policies.map((p) => p.name)).toEqual(['orders_owner']);
    expect(e.link).toEqual({
      ref: { kind: 'relation', schema: 'api', name: 'orders' },
      tab: 'policies',
      label: 'Policies of api.orders',
    });
  });

  it('a column privilege says what is granted, for UPDATE, INSERT and SELECT alike', () => {
    const denied = error('permission denied for table orders');
    expect(explainError(denied, ctx('PATCH', 'app_user', ['user_id'])).plain).toBe(
      'UPDATE on orders is granted to app_user only on column status; user_id is not granted. ' +
        'Send only the granted columns, or GRANT UPDATE on the others (a GRANT, not a policy).',
    );
    expect(explainError(denied, ctx('POST', 'app_user', ['user_id', 'status'])).plain).toMatch(
      /^INSERT on orders is granted to app_user only on column status; user_id is not granted\./,
    );
    const read = explainError(denied, ctx('GET', 'anon', ['id', 'status']));
    expect(read.plain).toMatch(
      /^SELECT on orders is granted to anon only on column id; status is not granted\./,
    );
    expect(read.link?.tab).toBe('grants');
  });

  it('a missing table privilege is a GRANT, not a policy; a schema needs USAGE', () => {
    const del = explainError(error('permission denied for table orders'), ctx('DELETE', 'app_user'));
    expect(del.plain).toMatch(
      /^"app_user" has no DELETE privilege on table orders \(a missing GRANT, not a policy\)/,
    );
    expect(del.link?.label).toBe('Grants of api.orders');
    const schema = explainError(error('permission denied for schema api'), ctx('GET', 'anon'));
    expect(schema.plain).toContain('"anon" lacks USAGE on schema api');
    expect(schema.link?.ref).toEqual({ kind: 'schema', schema: null, name: 'api' });
  });

  it('a constraint error links to the constraints, other codes read in plain words', () => {
    const fk = explainError(
      error(
        'insert or update on table "orders" violates foreign key constraint "orders_user_id_fkey"',
        '23503',
      ),
      ctx('POST', 'app_user'),
    );
    expect(fk.plain).toContain('the referenced row does not exist');
    expect(fk.link?.tab).toBe('constraints');
    expect(explainError(error('JWT expired', 'PGRST303'), ctx('GET', null)).plain).toContain('expired');
  });
});
