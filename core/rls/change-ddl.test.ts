import { describe, expect, it } from 'vitest';
import type { PolicyDraft, RlsChange } from '../../shared/contract/rls.js';
import type { Policy } from '../../shared/model/catalog.js';
import { planChange } from './change-ddl.js';

const statementFor = (change: RlsChange) => {
  const [s] = planChange(change).statements;
  if (!s) throw new Error('no statement');
  return s;
};

describe('RLS panel changes become core/ddl statements', () => {
  const t = { schema: 'api', table: 'select' };
  it('writes RLS switches and policies with every name quoted as needed', () => {
    expect(statementFor({ kind: 'rls', ...t, change: 'force' }).sql).toBe(
      'ALTER TABLE api."select" FORCE ROW LEVEL SECURITY',
    );
    const create = statementFor({
      kind: 'create',
      ...t,
      name: 'own "rows"',
      permissive: false,
      command: 'UPDATE',
      roles: ['app_user', 'Web'],
      using: 'owner = current_user',
      withCheck: null,
    }).sql;
    expect(create).toContain('CREATE POLICY "own ""rows""" ON api."select"');
    expect(create).toContain('AS RESTRICTIVE');
    expect(create).toContain('TO app_user, "Web"');
    expect(statementFor({ kind: 'drop', ...t, name: 'p' }).sql).toBe('DROP POLICY p ON api."select"');
    expect(statementFor({ kind: 'rename', ...t, name: 'p', newName: 'q' }).sql).toBe(
      'ALTER POLICY p ON api."select" RENAME TO q',
    );
    expect(
      statementFor({
        kind: 'create',
        ...t,
        name: 'p',
        permissive: true,
        command: 'SELECT',
        roles: [],
        using: 'true',
        withCheck: null,
      }).sql,
    ).toContain('TO PUBLIC');
  });
  it('refuses an expression that would run something else', () => {
    expect(() =>
      statementFor({ kind: 'alter', ...t, name: 'p', using: 'true); DROP TABLE x; SELECT (1' }),
    ).toThrow(/not a single SQL expression/);
  });
});

describe('editing a policy: RENAME and ALTER where PostgreSQL can, DROP + CREATE only when asked', () => {
  const current: Policy = {
    schema: 'api',
    table: 'notes',
    name: 'own',
    permissive: true,
    command: 'ALL',
    roles: [{ kind: 'role', name: 'app_user' }],
    using: '(owner = current_user)',
    withCheck: '(owner = current_user)',
    comment: null,
  };
  const draft: PolicyDraft = {
    name: 'own',
    permissive: true,
    command: 'ALL',
    roles: ['app_user'],
    using: '(owner = current_user)',
    withCheck: '(owner = current_user)',
  };
  const edit = (policy: Partial<PolicyDraft>, recreate = false): RlsChange => ({
    kind: 'edit',
    schema: 'api',
    table: 'notes',
    name: 'own',
    policy: { ...draft, ...policy },
    recreate,
  });
  const sqls = (change: RlsChange) => planChange(change, current).statements.map((s) => s.sql);

  it('an untouched draft changes nothing', () => {
    expect(planChange(edit({}), current)).toMatchObject({ statements: [], unchanged: true });
  });
  it('renames first, then alters only what differs, under the new name', () => {
    expect(sqls(edit({ name: 'Own rows', using: 'owner = session_user' }))).toEqual([
      'ALTER POLICY own ON api.notes RENAME TO "Own rows"',
      'ALTER POLICY "Own rows" ON api.notes\n  USING (owner = session_user)',
    ]);
    expect(sqls(edit({ roles: [] }))).toEqual(['ALTER POLICY own ON api.notes\n  TO PUBLIC']);
    expect(sqls(edit({ roles: ['app_user'], name: 'mine' }))).toEqual([
      'ALTER POLICY own ON api.notes RENAME TO mine',
    ]);
  });
  it('refuses a change of PERMISSIVE/RESTRICTIVE, of the command or an expression removed, unless recreate', () => {
    expect(() => planChange(edit({ permissive: false }), current)).toThrow(
      /PERMISSIVE and RESTRICTIVE.*drop it and create it anew/,
    );
    expect(() => planChange(edit({ command: 'SELECT', withCheck: null }), current)).toThrow(
      /cannot change the command \(ALL → SELECT\)/,
    );
    expect(() => planChange(edit({ withCheck: null }), current)).toThrow(/cannot remove a WITH CHECK/);
    const plan = planChange(edit({ permissive: false, name: 'own2' }, true), current);
    expect(plan.recreateReason).toMatch(/RESTRICTIVE/);
    expect(plan.statements.map((s) => s.sql)).toEqual([
      'DROP POLICY own ON api.notes',
      'CREATE POLICY own2 ON api.notes\n  AS RESTRICTIVE\n  FOR ALL\n  TO app_user\n  USING ((owner = current_user))\n  WITH CHECK ((owner = current_user))',
    ]);
  });
  it('an edit of a policy that is not there is GH807', () => {
    expect(() => planChange(edit({}))).toThrow(/There is no policy own on api\.notes/);
  });
});
