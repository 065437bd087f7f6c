import { describe, expect, it } from 'vitest';
import { leastPrivilegedRole } from './least-privileged.js';
import { grant, role, smallCatalog, table } from './testing/small-catalog.js';

const model = smallCatalog({
  roles: [role('owner'), role('app_admin'), role('app_user'), role('root', { superuser: true })],
  relations: [table('api', 'orders', 'owner', ['id', 'status'])],
  grants: [
    grant('api.orders', 'app_admin', 'SELECT'),
    grant('api.orders', 'app_admin', 'UPDATE'),
    grant('api.orders', 'app_admin', 'DELETE'),
    grant('api.orders', 'app_user', 'SELECT'),
  ],
});

describe('leastPrivilegedRole', () => {
  it('picks the request role holding the fewest privileges, never a superuser', () => {
    expect(leastPrivilegedRole(model, ['app_admin', 'app_user'])).toBe('app_user');
    expect(leastPrivilegedRole(model, ['root', 'app_admin'])).toBe('app_admin');
    expect(leastPrivilegedRole(model, ['ghost'])).toBeNull();
  });
});
