import { describe, expect, it } from 'vitest';
import { routeTo } from '../shell/route.js';
import type { FindingDetailView, FindingView } from './api.js';
import {
  fixScript,
  fixStatements,
  groupFindings,
  keyOf,
  linkTarget,
  linkTitle,
  listRows,
  nextFindingRow,
} from './findings-model.js';

const finding = (over: Partial<FindingView>): FindingView => ({
  id: 'table_without_rls',
  severity: 'error',
  message: 'm',
  object: 'api.notes',
  hasFix: true,
  link: null,
  acknowledged: null,
  ...over,
});

const detail: FindingDetailView = {
  key: 'table_without_rls:api.notes',
  objects: [],
  roles: { names: [], total: 0 },
  fix: { summary: 's', statements: ['ALTER TABLE api.notes ENABLE ROW LEVEL SECURITY'] },
  fixNote: null,
};

const acked = { reason: 'r', by: null, at: null };

describe('findings model', () => {
  it('groups by severity, acknowledged last, empty groups left out', () => {
    const a = finding({ object: 'a', acknowledged: acked });
    const b = finding({ object: 'b' });
    const c = finding({ object: 'c', severity: 'info' });
    expect(groupFindings([a, b, c]).map((g) => [g.severity, g.findings.map(keyOf)])).toEqual([
      ['error', ['table_without_rls:b', 'table_without_rls:a']],
      ['info', ['table_without_rls:c']],
    ]);
  });

  it('flattens the sections into rows, each heading with its open and acknowledged counts', () => {
    const rows = listRows([
      finding({ object: 'a', acknowledged: acked }),
      finding({ object: 'b' }),
      finding({ object: 'c', severity: 'info' }),
    ]);
    expect(
      rows.map((r) =>
        r.kind === 'heading'
          ? `# ${r.severity} ${r.open} open ${r.acked} acked`
          : `${keyOf(r.finding)} ${r.position}/${r.of}`,
      ),
    ).toEqual([
      '# error 1 open 1 acked',
      'table_without_rls:b 1/2',
      'table_without_rls:a 2/2',
      '# info 1 open 0 acked',
      'table_without_rls:c 1/1',
    ]);
  });

  it('moves the keyboard between findings, over the headings, to the ends with Home and End', () => {
    // rows: 0 heading, 1 b, 2 a, 3 heading, 4 c
    const rows = listRows([
      finding({ object: 'a', acknowledged: acked }),
      finding({ object: 'b' }),
      finding({ object: 'c', severity: 'info' }),
    ]);
    expect(nextFindingRow(rows, -1, 'ArrowDown')).toBe(1);
    expect(nextFindingRow(rows, 2, 'ArrowDown')).toBe(4);
    expect(nextFindingRow(rows, 4, 'ArrowDown')).toBeNull();
    expect(nextFindingRow(rows, 4, 'ArrowUp')).toBe(2);
    expect(nextFindingRow(rows, 1, 'ArrowUp')).toBeNull();
    expect(nextFindingRow(rows, 2, 'Home')).toBe(1);
    expect(nextFindingRow(rows, 1, 'End')).toBe(4);
    expect(nextFindingRow([], -1, 'End')).toBeNull();
  });

  it('turns a fix into a script and change-set entries with the advisor as origin', () => {
    const f = finding({});
    expect(fixScript(detail)).toBe('ALTER TABLE api.notes ENABLE ROW LEVEL SECURITY;');
    expect(fixStatements(f, detail)).toEqual([
      {
        sql: 'ALTER TABLE api.notes ENABLE ROW LEVEL SECURITY',
        origin: { panel: 'advisor', object: 'api.notes', action: 'fix table_without_rls' },
      },
    ]);
    expect(fixStatements(f, { ...detail, fix: null })).toEqual([]);
  });

  it('says where each link leads, a postgrest.conf setting to the PostgREST configuration', () => {
    const orders = { kind: 'relation', schema: 'api', name: 'orders' } as const;
    const titles = [
      { view: 'role', role: 'web_anon' },
      { view: 'grant', object: orders, grantee: 'PUBLIC' },
      { view: 'grant', object: orders, grantee: null },
      { view: 'default-privileges', owner: 'developer' },
      { view: 'policy', table: { schema: 'api', name: 'orders' }, policy: 'own' },
      { view: 'policy', table: { schema: 'api', name: 'orders' }, policy: null },
      { view: 'explorer', object: orders, tab: 'indexes' },
      { view: 'postgrest-config', key: 'jwt-secret' },
    ].map((link) => linkTitle(finding({ link: link as FindingView['link'] })));
    expect(titles).toEqual([
      'Open role web_anon in Roles',
      'Open api.orders × PUBLIC in Grants',
      'Open api.orders in Grants',
      'Open the default privileges of developer in Grants',
      'Open policy own on api.orders in RLS',
      'Open api.orders in RLS',
      'Open api.orders in the explorer',
      'Open jwt-secret in the PostgREST configuration',
    ]);
    const config = finding({ link: { view: 'postgrest-config', key: 'jwt-secret' } });
    expect(linkTarget(config)).toEqual({ view: 'postgrest-config', key: 'jwt-secret' });
    // Followed, it opens Act as (where the connection's postgrest.conf is edited) focused on the setting.
    expect(routeTo(linkTarget(config)!)).toEqual({
      panel: 'act-as',
      object: null,
      tab: null,
      focus: { view: 'postgrest-config', key: 'jwt-secret' },
    });
    expect(linkTitle(finding({ link: null }))).toBeNull();
  });
});
