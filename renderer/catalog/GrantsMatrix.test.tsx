import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { GrantsMatrix } from './GrantsMatrix.js';
import { grantsFor, privilegesFor } from './lookup.js';
import { fixtureCatalog } from './test-fixture.js';

afterEach(cleanup);

function renderTodos() {
  const catalog = fixtureCatalog();
  const g = grantsFor(catalog, { kind: 'relation', schema: 'api', name: 'todos' });
  render(
    <GrantsMatrix
      grants={g.object}
      columnGrants={g.columns}
      privileges={privilegesFor('relation', 18)}
      owner="app_owner"
    />,
  );
}

const cell = (role: string, privilege: string) => screen.getByLabelText(`${role} ${privilege}`);

describe('grants matrix', () => {
  it('has one row per grantee and one column per privilege of the object kind', () => {
    renderTodos();
    const matrix = screen.getByRole('table', { name: 'Grants matrix' });
    const headers = within(matrix)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'Role',
      'SELECT',
      'INSERT',
      'UPDATE',
      'DELETE',
      'TRUNCATE',
      'REFERENCES',
      'TRIGGER',
      'MAINTAIN',
    ]);
    const rows = within(matrix)
      .getAllByRole('rowheader')
      .map((h) => h.textContent);
    expect(rows).toEqual(['anon', 'app_owner owner', 'authenticated', 'web_reader']);
  });

  it('marks table grants, grant options and absent privileges', () => {
    renderTodos();
    expect(cell('authenticated', 'SELECT').dataset.state).toBe('granted');
    expect(cell('authenticated', 'INSERT').dataset.state).toBe('granted');
    expect(cell('authenticated', 'DELETE').dataset.state).toBe('none');
    expect(cell('anon', 'INSERT').dataset.state).toBe('none');
    expect(cell('app_owner', 'SELECT').dataset.state).toBe('grantable');
  });

  it('shows column grants in the cell and in their own table', () => {
    renderTodos();
    const update = cell('authenticated', 'UPDATE');
    expect(update.dataset.state).toBe('columns');
    expect(update.textContent).toBe('2 columns');
    expect(update.getAttribute('title')).toBe('UPDATE (title, done)');
    expect(cell('web_reader', 'REFERENCES').textContent).toBe('title');
    const columnTable = screen.getByRole('table', { name: 'Column grants' });
    expect(within(columnTable).getByText('title, done')).toBeTruthy();
  });

  it('says who can use an object nobody was granted', () => {
    render(<GrantsMatrix grants={[]} privileges={['EXECUTE']} owner="app_owner" />);
    expect(screen.getByText(/only the owner \(app_owner\) and superusers/)).toBeTruthy();
  });
});
