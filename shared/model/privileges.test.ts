import { describe, expect, it } from 'vitest';
import { effectivePrivileges } from './effective-privileges.js';
import {
  hasColumnPrivilege,
  hasFunctionPrivilege,
  hasSchemaPrivilege,
  hasTablePrivilege,
} from './privileges.js';
import { fn, grant, member, role, smallCatalog, table } from './testing/small-catalog.js';

// Checked against PostgreSQL in core/catalog/privileges.pg.test.ts; these cases show the shape of the answers.
const model = smallCatalog({
  roles: [role('owner'), role('web'), role('anon'), role('auth', { inherit: false, canLogin: true })],
  memberships: [member('anon', 'web'), member('web', 'auth', { inherit: false })],
  relations: [table('api', 'items', 'owner', ['id', 'name', 'secret'])],
  functions: [fn('api', 'ping', 'owner')],
  grants: [
    grant('api.items', 'owner', 'SELECT'),
    grant('api.items', 'anon', 'SELECT', true),
    grant('api.items.name', 'web', 'UPDATE'),
    grant('schema:api', 'anon', 'USAGE'),
    grant('function api.ping', 'PUBLIC', 'EXECUTE'),
  ],
});

describe('privileges', () => {
  it('point queries follow inheritance, PUBLIC and column grants', () => {
    const items = { schema: 'api', name: 'items' };
    expect(hasTablePrivilege(model, 'web', items, 'SELECT')).toBe(true);
    expect(hasTablePrivilege(model, 'web', items, 'SELECT', { grantOption: true })).toBe(true);
    expect(hasTablePrivilege(model, 'auth', items, 'SELECT')).toBe(false); // NOINHERIT
    expect(
      hasColumnPrivilege(model, 'web', { schema: 'api', table: 'items', column: 'name' }, 'UPDATE'),
    ).toBe(true);
    expect(hasColumnPrivilege(model, 'web', { schema: 'api', table: 'items', column: 'id' }, 'UPDATE')).toBe(
      false,
    );
    expect(hasFunctionPrivilege(model, 'auth', { schema: 'api', name: 'ping', args: '' })).toBe(true);
    expect(hasSchemaPrivilege(model, 'web', 'api', 'USAGE')).toBe(true);
    expect(hasTablePrivilege(model, 'postgres', items, 'TRUNCATE')).toBe(true);
  });

  it('the owner holds every grant option, even of a privilege it revoked from itself', () => {
    const items = { schema: 'api', name: 'items' };
    expect(hasTablePrivilege(model, 'owner', items, 'UPDATE')).toBe(false);
    expect(hasTablePrivilege(model, 'owner', items, 'UPDATE', { grantOption: true })).toBe(true);
  });

  it('refuses privileges a kind does not have and objects the model lacks (GH211)', () => {
    expect(() => hasTablePrivilege(model, 'web', { schema: 'api', name: 'items' }, 'EXECUTE')).toThrow(
      /EXECUTE is not a privilege of a table/,
    );
    expect(() => hasTablePrivilege(model, 'web', { schema: 'api', name: 'nope' }, 'SELECT')).toThrow(
      /no relation/,
    );
  });

  it('lists what a role holds and why, column entries only where the table privilege is missing', () => {
    const web = effectivePrivileges(model, 'web');
    expect(
      web.toArray().map((e) => [e.kind, e.object.name, e.column, e.privilege, e.via, e.source, e.grantable]),
    ).toEqual([
      ['schema', 'api', undefined, 'USAGE', 'anon', 'inherited', false],
      ['table', 'items', undefined, 'SELECT', 'anon', 'inherited', true],
      ['table', 'items', 'name', 'UPDATE', 'web', 'direct', false],
      ['function', 'ping', undefined, 'EXECUTE', 'PUBLIC', 'public', false],
    ]);
    expect(web.find({ kind: 'relation', schema: 'api', name: 'items' }, 'SELECT')?.via).toBe('anon');
    expect(web.find({ kind: 'relation', schema: 'api', name: 'items' }, 'DELETE')).toBeUndefined();
    expect(
      effectivePrivileges(model, 'auth')
        .toArray()
        .map((e) => e.privilege),
    ).toEqual(['EXECUTE']);
  });

  it("reads an entry's object and privilege without building the entry, the same as at()", () => {
    const web = effectivePrivileges(model, 'web');
    for (let i = 0; i < web.length; i++) {
      const e = web.at(i)!;
      const o = web.objectAt(i);
      expect([o.ref, o.column ?? undefined, web.privilegeAt(i)]).toEqual([e.object, e.column, e.privilege]);
    }
    expect(web.objectAt(2).column).toBe('name');
    expect(web.objectAt(1)).toBe(effectivePrivileges(model, 'anon').objectAt(1)); // shared, not copied
  });
});
