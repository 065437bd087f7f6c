import { describe, expect, it } from 'vitest';
import type { FindingView } from './api.js';
import { fixScript, fixStatements, groupFindings } from './findings-model.js';

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
});
