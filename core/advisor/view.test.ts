import { describe, expect, it } from 'vitest';
import {
  advisorViewSchema,
  MAX_REACH_PAIRS,
  toRuns,
  type AdvisorReport,
  type ReachMap,
} from '../../shared/contract/advisor.js';
import { makeFinding } from './finding.js';
import { FINDINGS } from './registry.js';
import { findingDetail, reportView } from './view.js';

const endpoint = (i: number) => ({
  path: `/t${i}`,
  schema: 'api',
  name: `t${i}`,
  kind: 'table' as const,
  methods: [{ method: 'GET' as const, columns: null }],
  rows: i % 2 === 0 ? ('unfiltered' as const) : ('filtered' as const),
  write: i % 3 === 0,
  args: null,
});

/** `roles` roles each reaching the first `tables` endpoints. */
const reach = (roles: number, tables: number): ReachMap => ({
  authenticator: 'auth',
  schemas: ['api'],
  endpoints: Array.from({ length: tables }, (_, i) => endpoint(i)),
  roles: Array.from({ length: roles }, (_, r) => ({
    role: `r${r}`,
    as: r === 0 ? ('anon' as const) : ('jwt' as const),
    exists: true,
    runs: toRuns(Array.from({ length: tables }, (_, i) => i)),
  })),
});

const report = (map: ReachMap): AdvisorReport => ({
  assumptions: [],
  findings: [
    makeFinding(FINDINGS.table_without_rls, {
      object: 'api.t0',
      objects: [{ kind: 'relation', schema: 'api', name: 't0' }],
      roles: map.roles.map((r) => r.role),
      message: 'api.t0 has no row-level security',
      fingerprint: () => 'f',
      fix: null,
      fixNote: 'Enable RLS.',
    }),
  ],
  reach: map,
  ackFile: null,
  staleAcks: [],
  ms: 1,
});

describe('the studio view of a report', () => {
  it('sends each definition once and rows without objects, roles or fix; the detail has those', () => {
    const r = report(reach(30, 3));
    const view = advisorViewSchema.parse(reportView(r));
    expect(view.definitions.table_without_rls?.title).toBe(FINDINGS.table_without_rls.title);
    expect(view.findings).toEqual([
      {
        id: 'table_without_rls',
        severity: 'error',
        object: 'api.t0',
        message: 'api.t0 has no row-level security',
        hasFix: false,
        link: null,
        acknowledged: null,
      },
    ]);
    const detail = findingDetail(r.findings[0]!);
    // 30 request roles: the first 20 named, all counted.
    expect(detail.roles.names).toHaveLength(20);
    expect(detail.roles.total).toBe(30);
    expect(detail.fixNote).toBe('Enable RLS.');
    expect(view.reachComplete).toBe(true);
    expect(view.reach).toEqual(r.reach);
  });

  it('sends a reach map above the pair limit as each role’s totals, without its endpoints', () => {
    const big = reach(30, 100);
    const view = reportView(report(big));
    expect(30 * 100).toBeGreaterThan(MAX_REACH_PAIRS);
    expect(view.reachComplete).toBe(false);
    expect(view.reach.endpoints).toEqual([]);
    expect(view.reach.roles.every((r) => r.runs.length === 0)).toBe(true);
    // t0…t99: 50 unfiltered (even), 34 writes (multiples of 3).
    expect(view.reachTotals[1]).toEqual({
      role: 'r1',
      as: 'jwt',
      exists: true,
      endpoints: 100,
      writes: 34,
      unfiltered: 50,
    });
  });
});
