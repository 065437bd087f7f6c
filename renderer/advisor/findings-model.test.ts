import { describe, expect, it } from 'vitest';
import type { FindingView } from './api.js';
import { fixScript, fixStatements, groupFindings, linkTarget, linkTitle } from './findings-model.js';

const finding = (over: Partial<FindingView>): FindingView => ({
  id: 'table_without_rls',
  key: 'table_without_rls:api.notes',
  severity: 'error',
  title: 't',
  message: 'm',
  why: 'w',
  object: 'api.notes',
  objects: [],
  fingerprint: 'f',
  fix: {
    summary: 's',
    statements: [
      { sql: 'ALTER TABLE api.notes ENABLE ROW LEVEL SECURITY', object: 'api.notes', action: 'a' },
    ],
  },
  fixNote: null,
  link: null,
  acknowledged: null,
  ...over,
});

describe('findings model', () => {
  it('groups by severity, acknowledged last, empty groups left out', () => {
    const a = finding({ key: 'a', acknowledged: { reason: 'r', by: null, at: null } });
    const b = finding({ key: 'b' });
    const c = finding({ key: 'c', severity: 'info' });
    expect(groupFindings([a, b, c]).map((g) => [g.severity, g.findings.map((f) => f.key)])).toEqual([
      ['error', ['b', 'a']],
      ['info', ['c']],
    ]);
  });

  it('turns a fix into a script and change-set entries with the advisor as origin', () => {
    const f = finding({});
    expect(fixScript(f)).toBe('ALTER TABLE api.notes ENABLE ROW LEVEL SECURITY;');
    expect(fixStatements(f)).toEqual([
      {
        sql: 'ALTER TABLE api.notes ENABLE ROW LEVEL SECURITY',
        origin: { panel: 'advisor', object: 'api.notes', action: 'fix table_without_rls' },
      },
    ]);
    expect(fixStatements(finding({ fix: null }))).toEqual([]);
  });

  it('says where each link leads, and gives a postgrest.conf setting none', () => {
    const orders = { kind: 'relation', schema: 'api', name: 'orders' } as const;
    const titles = [
      { view: 'role', role: 'web_anon' },
      { view: 'grant', object: orders, grantee: 'PUBLIC' },
      { view: 'grant', object: orders, grantee: null },
      { view: 'default-privileges', owner: 'developer' },
      { view: 'policy', table: { schema: 'api', name: 'orders' }, policy: 'own' },
      { view: 'policy', table: { schema: 'api', name: 'orders' }, policy: null },
      { view: 'explorer', object: orders, tab: 'indexes' },
    ].map((link) => linkTitle(finding({ link: link as FindingView['link'] })));
    expect(titles).toEqual([
      'Open role web_anon in Roles',
      'Open api.orders × PUBLIC in Grants',
      'Open api.orders in Grants',
      'Open the default privileges of developer in Grants',
      'Open policy own on api.orders in RLS',
      'Open api.orders in RLS',
      'Open api.orders in the explorer',
    ]);
    const config = finding({ link: { view: 'config', key: 'jwt-secret' } });
    expect(linkTarget(config)).toBeNull();
    expect(linkTitle(config)).toBeNull();
    expect(linkTitle(finding({ link: null }))).toBeNull();
  });
});
