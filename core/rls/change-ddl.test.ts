import { describe, expect, it } from 'vitest';
import { statementFor } from './change-ddl.js';

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
