import { describe, expect, it } from 'vitest';
import { whyNotSwitchable } from './role-choice.js';
import { member, role, smallCatalog } from './testing/small-catalog.js';

const model = smallCatalog({
  roles: [
    role('authenticator', { canLogin: true, inherit: false }),
    role('anon'),
    role('app_user'),
    role('developer'),
  ],
  memberships: [member('anon', 'authenticator'), member('app_user', 'authenticator', { set: false })],
});

describe('whyNotSwitchable', () => {
  it('is null for a role the login may SET ROLE to, and says why for the rest', () => {
    expect(whyNotSwitchable(model, 'authenticator', 'anon')).toBeNull();
    expect(whyNotSwitchable(model, 'authenticator', 'app_user')).toBe(
      'authenticator is a member of app_user but without the SET option (GRANT app_user TO authenticator WITH SET TRUE)',
    );
    expect(whyNotSwitchable(model, 'authenticator', 'developer')).toBe(
      'authenticator is not a member of developer (GRANT developer TO authenticator)',
    );
    expect(whyNotSwitchable(model, 'authenticator', 'authenticator')).toContain('the login role itself');
    expect(whyNotSwitchable(model, 'nobody', 'anon')).toContain('not in this database');
  });
});
