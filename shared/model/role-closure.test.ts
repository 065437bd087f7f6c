import { describe, expect, it } from 'vitest';
import { pgHasRole, roleRules } from './role-closure.js';
import { member, role, smallCatalog } from './testing/small-catalog.js';

// The rules are checked against PostgreSQL itself in core/catalog/privileges.pg.test.ts; these cases document them.
describe('role closure', () => {
  // authenticator (NOINHERIT) → web → reader; on 16+ the web grant may lack SET or INHERIT.
  const model = (major: number, web: { inherit?: boolean; set?: boolean; admin?: boolean } = {}) =>
    smallCatalog({
      major,
      roles: [
        role('authenticator', { inherit: false, canLogin: true }),
        role('web'),
        role('reader'),
        role('other'),
      ],
      memberships: [
        member('web', 'authenticator', { inherit: major >= 16 ? (web.inherit ?? false) : false, ...web }),
        member('reader', 'web', { admin: true }),
      ],
    });

  it('MEMBER follows every chain, USAGE only inheriting edges (a NOINHERIT member inherits nothing)', () => {
    const m = model(15);
    expect(pgHasRole(m, 'authenticator', 'reader', 'MEMBER')).toBe(true);
    expect(pgHasRole(m, 'authenticator', 'web', 'USAGE')).toBe(false);
    expect(pgHasRole(m, 'web', 'reader', 'USAGE')).toBe(true);
    expect(pgHasRole(m, 'authenticator', 'other', 'MEMBER')).toBe(false);
    expect(pgHasRole(m, 'authenticator', 'authenticator', 'USAGE')).toBe(true);
  });

  it('SET is any membership chain before 16, and chains of SET-option grants from 16', () => {
    expect(pgHasRole(model(15), 'authenticator', 'reader', 'SET')).toBe(true);
    expect(pgHasRole(model(16, { set: false }), 'authenticator', 'reader', 'SET')).toBe(false);
    expect(pgHasRole(model(16, { set: false }), 'authenticator', 'reader', 'MEMBER')).toBe(true);
    expect(pgHasRole(model(16, { inherit: true }), 'authenticator', 'reader', 'USAGE')).toBe(true);
  });

  it('ADMIN comes from a grant WITH ADMIN OPTION held anywhere up the member chain, never on oneself', () => {
    const m = model(16, { inherit: false });
    expect(pgHasRole(m, 'authenticator', 'reader', 'ADMIN')).toBe(true);
    expect(roleRules(m).adminRole('authenticator', 'reader')).toBe('web');
    expect(pgHasRole(m, 'authenticator', 'web', 'ADMIN')).toBe(false);
    expect(pgHasRole(m, 'reader', 'reader', 'ADMIN')).toBe(false);
  });

  it('superusers hold every role; the database owner is a member of pg_database_owner', () => {
    const m = smallCatalog({ roles: [role('dba'), role('x')], databaseOwner: 'dba' });
    expect(pgHasRole(m, 'postgres', 'x', 'SET')).toBe(true);
    expect(pgHasRole(m, 'postgres', 'x', 'ADMIN')).toBe(true);
    expect(pgHasRole(m, 'dba', 'pg_database_owner', 'USAGE')).toBe(true);
    expect(pgHasRole(m, 'x', 'pg_database_owner', 'MEMBER')).toBe(false);
  });

  it('names the closure nearest first, and refuses unknown roles with GH210', () => {
    expect(roleRules(model(15)).closure('authenticator', 'MEMBER').order).toEqual([
      'authenticator',
      'web',
      'reader',
    ]);
    expect(() => pgHasRole(model(15), 'nobody', 'web', 'MEMBER')).toThrow(/no role "nobody"/);
  });
});
