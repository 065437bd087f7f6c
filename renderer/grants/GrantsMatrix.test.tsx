import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RoleChangeInput } from '../../shared/contract/roles.js';
import { catalogIndex } from '../../shared/model/catalog-index.js';
import { grant, member, role, smallCatalog, table, fn } from '../../shared/model/testing/small-catalog.js';
import { GrantsMatrix } from './GrantsMatrix.js';
import { rowsOfObject } from './scope.js';

afterEach(cleanup);

// jsdom lays nothing out: give the scroll container a viewport so the virtualiser renders a screenful.
const size = { clientHeight: 520, clientWidth: 1400, offsetHeight: 520, offsetWidth: 1400 };
const saved = Object.fromEntries(
  Object.keys(size).map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)]),
);
beforeAll(() => {
  for (const [k, v] of Object.entries(size))
    Object.defineProperty(HTMLElement.prototype, k, { configurable: true, get: () => v });
});
afterAll(() => {
  for (const [k, d] of Object.entries(saved)) if (d) Object.defineProperty(HTMLElement.prototype, k, d);
});

const catalog = () =>
  smallCatalog({
    roles: [
      role('authenticator', { canLogin: true, inherit: false }),
      role('anon'),
      role('app_user'),
      role('owner'),
    ],
    memberships: [member('anon', 'authenticator'), member('app_user', 'authenticator')],
    relations: [
      table('api', 'members', 'owner', ['id', 'name', 'secret']),
      table('api', 'notes', 'owner', ['id', 'body']),
    ],
    functions: [fn('api', 'hello', 'owner')],
    grants: [
      grant('api.members', 'app_user', 'SELECT'),
      grant('api.members.name', 'app_user', 'UPDATE'),
      grant('schema:api', 'app_user', 'USAGE'),
    ],
  });
const config = { authenticator: 'authenticator', anonRole: 'anon', schemas: ['api'] };

describe('the grants matrix', () => {
  it('pins db-anon-role and the request roles, and says when one holds nothing', async () => {
    render(<GrantsMatrix catalog={catalog()} config={config} onQueue={() => undefined} busy={false} />);
    const heads = screen.getAllByRole('button', { name: /^(anon|app_user|authenticator|owner|PUBLIC)/ });
    expect(heads.slice(0, 2).map((h) => h.querySelector('.mono')?.textContent)).toEqual(['anon', 'app_user']);
    // Counted after the first paint.
    expect((await screen.findByTestId('holds-nothing:anon')).textContent).toBe('nothing');
    await waitFor(() => expect(heads[1]!.textContent).toContain('2 objects'));
    expect(screen.queryByTestId('holds-nothing:app_user')).toBeNull();
    // Without the other roles, anon and the request roles stay.
    fireEvent.click(screen.getByLabelText('All roles'));
    expect(await screen.findByTestId('holds-nothing:anon')).toBeTruthy();
    expect(screen.queryByTestId('cell:api.members:owner')).toBeNull();
    expect(screen.getByTestId('cell:api.members:app_user')).toBeTruthy();
  });

  it('selects the rectangle a drag goes across, starting on a letter or not, and edits it in one go', () => {
    const onQueue = vi.fn<(c: RoleChangeInput[]) => void>();
    render(<GrantsMatrix catalog={catalog()} config={config} onQueue={onQueue} busy={false} />);
    const from = screen.getByTestId('cell:api.members:anon');
    const to = screen.getByTestId('cell:api.notes:app_user');
    const letter = within(from).getByRole('button', { name: /^SELECT on api.members for anon/ });
    fireEvent.mouseDown(letter, { button: 0, buttons: 1 });
    fireEvent.mouseEnter(to, { buttons: 1 });
    fireEvent.mouseUp(window);
    // members, its granted column name, notes × anon, app_user.
    const actions = screen.getByTestId('matrix-actions');
    expect(actions.textContent).toContain('6 cells');
    expect(from.className).toContain('selected');
    expect(to.className).toContain('selected');
    expect(screen.getByTestId('cell:api:anon').className).not.toContain('selected');
    fireEvent.click(within(actions).getByRole('button', { name: 'Grant' }));
    const changes = onQueue.mock.calls[0]![0];
    expect(
      changes.map((c) =>
        c.type === 'grant'
          ? `${c.object.name}${c.column ? `.${c.column}` : ''}:${c.grantee.kind === 'role' ? c.grantee.name : 'PUBLIC'}`
          : c.type,
      ),
    ).toEqual([
      'members:anon',
      'members:app_user',
      'members.name:anon',
      'members.name:app_user',
      'notes:anon',
      'notes:app_user',
    ]);
    // Moving over cells without the button held selects nothing new.
    fireEvent.mouseEnter(screen.getByTestId('cell:api:anon'), { buttons: 0 });
    expect(screen.getByTestId('cell:api:anon').className).not.toContain('selected');
  });

  it('narrowed to one object (the explorer tab): the table and every one of its columns, no filters', async () => {
    render(
      <GrantsMatrix
        catalog={catalog()}
        config={config}
        onQueue={() => undefined}
        busy={false}
        scope={{ kind: 'relation', schema: 'api', name: 'members' }}
      />,
    );
    const rows = [...document.querySelectorAll('[data-row]')].map((r) => r.getAttribute('data-row'));
    expect(rows).toEqual(['r.api.members', 'c.api.members.id', 'c.api.members.name', 'c.api.members.secret']);
    expect(screen.queryByLabelText('Schema')).toBeNull();
    expect(screen.queryByRole('button', { name: /Revoke everything PUBLIC/ })).toBeNull();
    const update = within(screen.getByTestId('cell:name:app_user')).getByRole('button', { name: /^UPDATE/ });
    expect(update.getAttribute('aria-label')).toBe('UPDATE on name for app_user: granted directly');
    // SELECT on the column comes from the table's grant: said so, and drawn quieter.
    const select = within(screen.getByTestId('cell:name:app_user')).getByRole('button', { name: /^SELECT/ });
    expect(select.getAttribute('aria-label')).toBe(
      'SELECT on name for app_user: granted directly, on the whole table',
    );
    expect(select.className).toContain('covered');
    expect(await screen.findByTestId('holds-nothing:anon')).toBeTruthy();
  });
});

describe('rowsOfObject', () => {
  it('finds a function by its arguments and a schema by its name', () => {
    const index = catalogIndex(catalog());
    expect(
      rowsOfObject(index, { kind: 'function', schema: 'api', name: 'hello', args: '' }).map((r) => r.label),
    ).toEqual(['api.hello()']);
    expect(rowsOfObject(index, { kind: 'schema', schema: null, name: 'api' }).map((r) => r.kind)).toEqual([
      'schema',
    ]);
    expect(rowsOfObject(index, { kind: 'policy', schema: 'api', name: 'members', member: 'p' })).toEqual([]);
  });
});
