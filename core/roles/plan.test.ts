import { describe, expect, it } from 'vitest';
import type { RoleChange } from '../../shared/contract/roles.js';
import { grant, member, role, smallCatalog, table } from '../../shared/model/testing/small-catalog.js';
import { planChanges, queueInputs } from './plan.js';

/** A developer without superuser: owns api.mine, holds SELECT on api.theirs without grant option. */
const devModel = (major = 18) => {
  const c = smallCatalog({
    major,
    roles: [role('dev', { canLogin: true, createRole: true }), role('other'), role('reader'), role('boss')],
    memberships: [member('reader', 'dev', { admin: true })],
    relations: [table('api', 'mine', 'dev'), table('api', 'theirs', 'other')],
    grants: [grant('api.theirs', 'dev', 'SELECT')],
  });
  return { ...c, server: { ...c.server, currentUser: 'dev', sessionUser: 'dev', isSuperuser: false } };
};
const messages = (changes: RoleChange[], major = 18) =>
  planChanges(devModel(major), changes).problems.map((p) => p.message);

describe('planChanges: what the developer may not do is refused before apply', () => {
  it('grants on objects it owns, not on objects it holds without GRANT OPTION', () => {
    const on = (name: string): RoleChange => ({
      type: 'grant',
      object: { kind: 'relation', schema: 'api', name },
      privileges: ['SELECT'],
      grantee: { kind: 'role', name: 'reader' },
    });
    expect(messages([on('mine')])).toEqual([]);
    expect(messages([on('theirs')])).toEqual([
      'dev may not grant SELECT on api.theirs: it holds it without GRANT OPTION, or not at all.',
    ]);
  });

  it('memberships: ADMIN OPTION on 16+, CREATEROLE before', () => {
    const g = (r: string): RoleChange => ({ type: 'grant-membership', role: r, member: 'other' });
    expect(messages([g('reader')])).toEqual([]);
    expect(messages([g('boss')])).toEqual(['dev may not grant boss.']);
    expect(messages([g('boss')], 15)).toEqual([]);
  });

  it('superuser attributes need a superuser; the session user cannot be dropped or renamed', () => {
    expect(messages([{ type: 'create-role', name: 'x', attributes: { bypassRls: true } }])).toEqual([
      'Only a superuser may create a role with SUPERUSER, REPLICATION or BYPASSRLS.',
    ]);
    expect(messages([{ type: 'drop-role', name: 'dev' }])[0]).toBe('A role cannot drop itself.');
    expect(messages([{ type: 'rename-role', name: 'dev', newName: 'dev2' }])).toEqual([
      'The session user cannot be renamed.',
    ]);
  });

  it('writes the statements with their origin; a password only as a literal the panel never shows', () => {
    const verifier = 'SCRAM-SHA-256$4096:c2FsdA==$YWJj:ZGVm';
    const plan = planChanges(devModel(), [
      { type: 'create-role', name: 'web', attributes: { canLogin: true }, password: verifier },
      { type: 'grant-membership', role: 'reader', member: 'web', inherit: false, set: true },
    ]);
    expect(plan.problems).toEqual([]);
    expect(plan.changes[0]!.statements[0]!.redacted).toBe("CREATE ROLE web WITH LOGIN PASSWORD '********'");
    expect(queueInputs(plan)).toEqual([
      {
        sql: `CREATE ROLE web WITH LOGIN PASSWORD '${verifier}'`,
        origin: { panel: 'roles', object: 'role web', action: 'create role' },
      },
      {
        sql: 'GRANT reader TO web WITH INHERIT FALSE, SET TRUE',
        origin: { panel: 'roles', object: 'role reader', action: 'grant reader to web' },
      },
    ]);
  });
});
