import { describe, expect, it } from 'vitest';
import { catalogQueryError } from './run-query.js';

function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('catalogQueryError', () => {
  it('maps a refused catalog query to GH200 naming the query and what to grant', () => {
    const e = catalogQueryError('policies.sql', pgError('42501', 'permission denied for table pg_policy'));
    expect(e.code).toBe('GH200');
    expect(e.message).toContain('policies.sql');
    expect(e.message).toContain('permission denied for table pg_policy');
    expect(e.hint).toContain('GRANT SELECT ON pg_catalog.');
  });

  it('maps a lost session to GH105 and anything else to GH202', () => {
    expect(catalogQueryError('roles.sql', pgError('57P01', 'terminating connection')).code).toBe('GH105');
    expect(catalogQueryError('roles.sql', new Error('Connection terminated unexpectedly')).code).toBe(
      'GH105',
    );
    const other = catalogQueryError('roles.sql', pgError('42703', 'column "x" does not exist'));
    expect(other.code).toBe('GH202');
    expect(other.details).toBe('SQLSTATE 42703');
  });
});
