import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reachPairs, toRuns, type ReachMap } from '../../shared/contract/advisor.js';
import { MAX_REACH_ROWS, ReachTable } from './ReachTable.js';

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
    render(<ReachTable reach={bigMap(2, 3)} role={null} onPick={() => undefined} />);
    const r1 = screen.getByRole('region', { name: 'Reach of r1' });
    expect(
      within(r1)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['EndpointMethodsRows', '/t0GETunfiltered write', '/t1GETfiltered by RLS ']);
  });

  it('shows totals per role above the row limit, and a role picked from them lists its endpoints', () => {
    const reach = bigMap(30, 100);
    expect(reachPairs(reach)).toBeGreaterThan(MAX_REACH_ROWS);
    const onPick = vi.fn();
    const { rerender } = render(<ReachTable reach={reach} role={null} onPick={onPick} />);
    const summary = screen.getByLabelText('Reach by role');
    expect(summary.textContent).toContain('30 request roles reach 2,565 endpoints between them');
    expect(screen.queryByRole('region', { name: 'Reach of r0' })).toBeNull();
    const r2 = within(summary).getByRole('button', { name: 'r2' }).closest('tr')!;
    // r2 reaches t0…t97: 49 writes (even ones), 33 unfiltered (multiples of 3).
    expect([...r2.querySelectorAll('td')].slice(1).map((td) => td.textContent)).toEqual(['98', '49', '33']);
    fireEvent.click(within(summary).getByRole('button', { name: 'r2' }));
    expect(onPick).toHaveBeenCalledWith('r2');
    rerender(<ReachTable reach={reach} role="r2" onPick={onPick} />);
    expect(within(screen.getByRole('region', { name: 'Reach of r2' })).getAllByRole('row')).toHaveLength(99);
  });
});
