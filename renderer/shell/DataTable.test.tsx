import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTable } from './DataTable.js';

afterEach(cleanup);

const columns = [
  { key: 'name', header: 'Name', cell: (r: { name: string }) => r.name },
  { key: 'len', header: 'Length', cell: (r: { name: string }) => r.name.length, className: 'mono center' },
];

describe('DataTable', () => {
  it('draws a labelled table with a header and a row per item', () => {
    render(
      <DataTable
        columns={columns}
        rows={[{ name: 'id' }, { name: 'status' }]}
        rowKey={(r) => r.name}
        empty="No columns."
        label="Columns"
      />,
    );
    const table = screen.getByRole('table', { name: 'Columns' });
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Name', 'Length']);
    expect(table.querySelectorAll('tbody tr')).toHaveLength(2);
  });

  it('shows an empty state, not a header over nothing, when there are no rows', () => {
    render(
      <DataTable
        columns={columns}
        rows={[]}
        rowKey={(r) => r.name}
        empty="No indexes."
        emptyDetail="Filters on unindexed columns scan the whole table."
        label="Indexes"
      />,
    );
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('columnheader')).toBeNull();
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('No indexes.');
    expect(status.textContent).toContain('Filters on unindexed columns');
  });
});
