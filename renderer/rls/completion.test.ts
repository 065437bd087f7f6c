import { describe, expect, it } from 'vitest';
import type { PolicyEditorContext } from '../../shared/contract/rls.js';
import { claimText, policyCompletions } from './completion.js';

const ctx: PolicyEditorContext = {
  schema: 'api',
  table: 'notes',
  columns: [
    { name: 'id', type: 'integer' },
    { name: 'owner_sub', type: 'text' },
    { name: 'Body Text', type: 'text' },
  ],
  relations: [
    { schema: 'api', name: 'notes', kind: 'table', columns: ['id', 'owner_sub', 'Body Text'] },
    { schema: 'app', name: 'members', kind: 'table', columns: ['team_id', 'user_sub'] },
  ],
  functions: [{ schema: 'app', name: 'current_sub', args: '', returns: 'text' }],
  requestRoles: ['web_anon', 'app_user'],
  claims: [
    { name: 'sub', usedBy: ['policy own on api.notes', 'persona alice'] },
    { name: 'tenant_id', usedBy: ['persona alice'] },
  ],
  sessionSettings: ['app.user_id'],
  templates: [],
};
const labels = (before: string) => policyCompletions(ctx, before).map((c) => c.label);

describe('policy expression completion', () => {
  it('offers the claim names in use inside request.jwt.claims ->> quotes, replacing what is typed', () => {
    const r = policyCompletions(ctx, "owner_sub = current_setting('request.jwt.claims', true)::json->>'su");
    expect(r.map((c) => c.label)).toEqual(['sub', 'tenant_id']);
    expect(r[0]).toMatchObject({ kind: 'claim', insertText: 'sub', replace: 2 });
    expect(r[0]!.detail).toContain('persona alice');
    // pg_get_expr's spelling too
    expect(labels("((current_setting('request.jwt.claims'::text, true))::json ->> '")).toEqual([
      'sub',
      'tenant_id',
    ]);
  });

  it('offers PostgREST’s settings and the pre-request function’s inside current_setting(', () => {
    const r = policyCompletions(ctx, "owner_sub = current_setting('app.");
    expect(r.map((c) => c.label)).toContain('request.jwt.claims');
    expect(r.find((c) => c.label === 'app.user_id')).toMatchObject({
      detail: 'set by the pre-request function',
      replace: 4,
    });
  });

  it('completes columns after the table or another relation, relations and functions after a schema', () => {
    expect(labels('notes.')).toEqual(['id', 'owner_sub', 'Body Text']);
    expect(policyCompletions(ctx, 'notes.Bo').find((c) => c.label === 'Body Text')).toMatchObject({
      insertText: '"Body Text"',
      replace: 2,
    });
    expect(labels('exists (select from app.members m where members.')).toEqual(['team_id', 'user_sub']);
    expect(labels('app.')).toEqual(['members', 'current_sub']);
    expect(policyCompletions(ctx, 'app.cur').find((c) => c.label === 'current_sub')?.insertText).toBe(
      'current_sub(',
    );
  });

  it('elsewhere: the table’s columns first, ready-made claim reads, functions, other relations, roles, keywords', () => {
    const r = policyCompletions(ctx, 'owner_sub = ');
    const kinds = [...new Set(r.map((c) => c.kind))];
    expect(kinds).toEqual(['column', 'claim', 'setting', 'function', 'relation', 'role', 'keyword']);
    expect(r.find((c) => c.label === 'claim sub')?.insertText).toBe(claimText('sub'));
    expect(r.find((c) => c.label === 'claim sub')?.insertText).toBe(
      "current_setting('request.jwt.claims', true)::json->>'sub'",
    );
    expect(r.find((c) => c.label === 'setting app.user_id')?.insertText).toBe(
      "current_setting('app.user_id', true)",
    );
    expect(r.find((c) => c.label === 'app_user')).toMatchObject({ kind: 'role', insertText: "'app_user'" });
    expect(r.some((c) => c.label === 'api.notes')).toBe(false); // the table itself is not a relation to join
    expect(policyCompletions(ctx, 'pinned and own')[0]).toMatchObject({ label: 'id', replace: 3 });
  });
});
