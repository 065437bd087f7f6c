import { describe, expect, it } from 'vitest';
import { authenticatorCandidates, postgrestView, switchableRoles } from './postgrest-roles.js';
import { fn, member, role, smallCatalog, table } from './testing/small-catalog.js';

const model = (major: number) =>
  smallCatalog({
    major,
    roles: [
      role('authenticator', { inherit: false, canLogin: true }),
      role('other_login', { inherit: false, canLogin: true }),
      role('anon'),
      role('web_user'),
      role('admin'),
    ],
    memberships: [
      member('anon', 'authenticator', { inherit: false }),
      member('web_user', 'authenticator', { inherit: false }),
      member('admin', 'authenticator', { inherit: false, set: major < 16 }),
      member('anon', 'other_login', { inherit: false }),
    ],
    schemas: ['api', 'private'],
    relations: [table('api', 'items', 'admin'), table('private', 'secrets', 'admin')],
    functions: [fn('api', 'ping', 'admin'), fn('api', 'total', 'admin', 'aggregate')],
  });

describe('the PostgREST view', () => {
  it('request roles follow SET ROLE: a grant WITH SET FALSE (16+) is no request role', () => {
    expect(switchableRoles(model(15), 'authenticator')).toEqual(['admin', 'anon', 'web_user']);
    expect(switchableRoles(model(16), 'authenticator')).toEqual(['anon', 'web_user']);
  });

  it('infers the authenticator: LOGIN NOINHERIT, able to become the anon role, with the most roles', () => {
    expect(authenticatorCandidates(model(18), 'anon')).toEqual(['authenticator', 'other_login']);
    const v = postgrestView(model(18), { anonRole: 'anon', schemas: ['api', 'missing'] });
    expect(v.authenticator).toEqual({ name: 'authenticator', source: 'inferred', exists: true });
    expect(v.authenticatorCandidates).toEqual(['other_login']);
    expect(v.anonSwitchable).toBe(true);
    expect(v.exposedSchemas).toEqual(['api']);
    expect(v.missingSchemas).toEqual(['missing']);
    expect(v.relations.map((r) => r.name)).toEqual(['items']);
    expect(v.functions.map((f) => f.name)).toEqual(['ping']);
  });

  it('takes the configured authenticator even when the model lacks it', () => {
    const v = postgrestView(model(18), { authenticator: 'ghost', anonRole: 'anon', schemas: ['api'] });
    expect(v.authenticator).toEqual({ name: 'ghost', source: 'config', exists: false });
    expect(v.requestRoles).toEqual([]);
    expect(v.anonSwitchable).toBe(false);
  });
});
