import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MAX_REACH_PAIRS,
  reachOfRole,
  reachPairs,
  reachTotals,
  toRuns,
  type ReachMap,
} from '../../shared/contract/advisor.js';
import { ReachTable } from './ReachTable.js';

afterEach(cleanup);

const endpoint = (name: string, write: boolean, rows: 'filtered' | 'unfiltered') => ({
  path: `/${name}`,
  schema: 'api',
  name,
  kind: 'table' as const,
  methods: [{ method: 'GET' as const, columns: null }],
  rows,
  write,
  args: null,
});

/** Many roles over many tables, sharing the entries: the map of an API with hundreds of request roles. */
function bigMap(roles: number, tables: number): ReachMap {
  const endpoints = Array.from({ length: tables }, (_, i) =>
    endpoint(`t${i}`, i % 2 === 0, i % 3 === 0 ? 'unfiltered' : 'filtered'),
  );
  return {
    authenticator: 'authenticator',
    schemas: ['api'],
    endpoints,
    roles: Array.from({ length: roles }, (_, r) => ({
      role: `r${r}`,
      as: r === 0 ? ('anon' as const) : ('jwt' as const),
      exists: true,
      runs: toRuns(endpoints.map((_, i) => i).slice(0, tables - r)),
    })),
  };
}

describe('ReachTable', () => {
  it('lists each endpoint a role reaches from the shared entries', () => {
    const reach = bigMap(2, 3);
    render(
      <ReachTable reach={reach} totals={reachTotals(reach)} complete role={null} onPick={() => undefined} />,
    );
    const r1 = screen.getByRole('region', { name: 'Reach of r1' });
    expect(
      within(r1)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['EndpointMethodsRows', '/t0GETunfiltered write', '/t1GETfiltered by RLS ']);
  });

  it('shows totals per role above the pair limit, and a role picked from them lists its endpoints', () => {
    const reach = bigMap(30, 100);
    expect(reachPairs(reach)).toBeGreaterThan(MAX_REACH_PAIRS);
    const totals = reachTotals(reach);
    const onPick = vi.fn();
    // Above the limit the report carries the totals, no map; the picked role's map comes on its own.
    const { rerender } = render(
      <ReachTable reach={null} totals={totals} complete={false} role={null} onPick={onPick} />,
    );
    const summary = screen.getByLabelText('Reach by role');
    expect(summary.textContent).toContain('30 request roles reach 2,565 endpoints between them');
    expect(screen.queryByRole('region', { name: 'Reach of r0' })).toBeNull();
    const r2 = within(summary).getByRole('button', { name: 'r2' }).closest('tr')!;
    // r2 reaches t0…t97: 49 writes (even ones), 33 unfiltered (multiples of 3).
    expect([...r2.querySelectorAll('td')].slice(1).map((td) => td.textContent)).toEqual(['98', '49', '33']);
    fireEvent.click(within(summary).getByRole('button', { name: 'r2' }));
    expect(onPick).toHaveBeenCalledWith('r2');
    rerender(<ReachTable reach={null} totals={totals} complete={false} role="r2" onPick={onPick} />);
    expect(screen.getByText('Reading what r2 reach…')).toBeTruthy();
    const r2map = reachOfRole(reach, reach.roles[2]!);
    rerender(<ReachTable reach={r2map} totals={totals} complete={false} role="r2" onPick={onPick} />);
    expect(within(screen.getByRole('region', { name: 'Reach of r2' })).getAllByRole('row')).toHaveLength(99);
  });
});
