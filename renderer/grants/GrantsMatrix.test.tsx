import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RoleChangeInput } from '../../shared/contract/roles.js';
import { catalogIndex } from '../../shared/model/catalog-index.js';
import { grant, member, role, smallCatalog, table, fn } from '../../shared/model/testing/small-catalog.js';
import { GrantsMatrix } from './GrantsMatrix.js';
import { rowsOfObject } from './scope.js';
import { withViewport } from '../test-viewport.js';

afterEach(cleanup);

withViewport(1400, 520);

// The PostgREST role model both catalogs share: an authenticator that may become anon and app_user, and an owner.
const postgrestRoles = () => ({
  roles: [
    role('authenticator', { canLogin: true, inherit: false }),
    role('anon'),
    role('app_user'),
    role('owner'),
  ],
  memberships: [member('anon', 'authenticator'), member('app_user', 'authenticator')],
});

const catalog = () =>
  smallCatalog({
    ...postgrestRoles(),
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
    // (The cells are HTML rebuilt with their row: look them up again.)
    expect(screen.getByTestId('cell:api.members:anon').className).toContain('selected');
    expect(screen.getByTestId('cell:api.notes:app_user').className).toContain('selected');
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

describe('scrolling', () => {
  const many = () =>
    smallCatalog({
      ...postgrestRoles(),
      relations: Array.from({ length: 200 }, (_, i) =>
        table('api', `t${String(i).padStart(3, '0')}`, 'owner', ['id']),
      ),
      grants: [grant('api.t150', 'app_user', 'SELECT')],
    });

  it('writes the rows coming into view light while scrolling, in full once the scroll comes to rest', async () => {
    render(<GrantsMatrix catalog={many()} config={config} onQueue={() => undefined} busy={false} />);
    const el = screen.getByTestId('grants-matrix');
    // At rest: every cell, every letter a labelled button.
    expect(within(screen.getByTestId('cell:api.t000:anon')).getAllByRole('button')).not.toHaveLength(0);
    el.scrollTop = 150 * 30;
    fireEvent.scroll(el);
    // Scrolling: api.t150's row is drawn with the one letter held and no empty cell; the rows already drawn stay.
    const row = document.querySelector('[data-row="r.api.t150"]')!;
    expect(row).not.toBeNull();
    expect(row.querySelector('[data-testid="cell:api.t150:anon"]')).toBeNull();
    const held = row.querySelector('[data-testid="cell:api.t150:app_user"] [data-priv]')!;
    expect(held.className).toBe('priv direct');
    expect(held.hasAttribute('aria-label')).toBe(false);
    // An empty cell of a light row has no box: a press there still selects it (its column from the pointer's x).
    const anon = [...document.querySelectorAll('.matrix-colhead')].findIndex((h) =>
      h.textContent?.startsWith('anon'),
    );
    fireEvent.mouseDown(row, { button: 0, buttons: 1, clientX: 320 + anon * 168 + 20 });
    fireEvent.mouseUp(window);
    expect(screen.getByTestId('matrix-actions').textContent).toContain('1 cell');
    expect(screen.getByTestId('cell:api.t150:anon').className).toContain('selected');
    fireEvent.click(within(screen.getByTestId('matrix-actions')).getByRole('button', { name: 'Clear' }));
    // Written in full after the scroll's end (the virtualiser's 150 ms without a scroll event).
    await waitFor(() =>
      expect(
        within(screen.getByTestId('cell:api.t150:anon')).getByRole('button', {
          name: 'SELECT on api.t150 for anon: not held',
        }),
      ).toBeTruthy(),
    );
    expect(
      within(screen.getByTestId('cell:api.t150:app_user')).getByRole('button', {
        name: 'SELECT on api.t150 for app_user: granted directly',
      }),
    ).toBeTruthy();
  });

  it('with the keyboard on a letter, rows coming into view are written in full; after a click, light', () => {
    render(<GrantsMatrix catalog={many()} config={config} onQueue={() => undefined} busy={false} />);
    const el = screen.getByTestId('grants-matrix');
    const letter = within(screen.getByTestId('cell:api.t000:anon')).getAllByRole('button')[0]!;
    fireEvent.keyDown(letter, { key: 'Tab' });
    letter.focus();
    el.scrollTop = 150 * 30;
    fireEvent.scroll(el);
    expect(
      within(screen.getByTestId('cell:api.t150:anon')).getByRole('button', {
        name: 'SELECT on api.t150 for anon: not held',
      }),
    ).toBeTruthy();
    // A letter pressed with the mouse has the focus as well: scrolling on from there is drawn light.
    const other = within(screen.getByTestId('cell:api.t150:app_user')).getAllByRole('button')[0]!;
    fireEvent.mouseDown(other, { button: 0 });
    fireEvent.mouseUp(window);
    other.focus();
    el.scrollTop = 60 * 30;
    fireEvent.scroll(el);
    expect(document.querySelector('[data-row="r.api.t060"]')).not.toBeNull();
    expect(screen.queryByTestId('cell:api.t060:anon')).toBeNull();
  });
});

describe('the PUBLIC traps and the one-click actions', () => {
  const withPublicFn = () => {
    const c = catalog();
    return {
      ...c,
      grants: [
        ...c.grants,
        ...smallCatalog({
          roles: [role('owner')],
          functions: [fn('api', 'hello', 'owner')],
          grants: [grant('function api.hello', 'PUBLIC', 'EXECUTE')],
        }).grants,
      ],
    };
  };

  it('says which exposed functions PUBLIC may EXECUTE, and that new ones will be too; revokes the default', () => {
    const onQueue = vi.fn<(c: RoleChangeInput[]) => void>();
    render(<GrantsMatrix catalog={withPublicFn()} config={config} onQueue={onQueue} busy={false} />);
    const trap = screen.getByTestId('public-execute-trap');
    expect(trap.textContent).toContain('1 function in api');
    expect(trap.textContent).toContain('Every new function');
    // The function's row is flagged too.
    const head = document.querySelector('[data-head="f.api.hello."]')!;
    expect(head.querySelector('.trap-dot')?.textContent).toBe('PUBLIC');
    fireEvent.click(within(trap).getByRole('button', { name: 'Revoke the default' }));
    expect(onQueue.mock.calls[0]![0]).toEqual([
      {
        type: 'default-revoke',
        forRole: withPublicFn().server.currentUser,
        inSchema: null,
        objectType: 'functions',
        privileges: ['EXECUTE'],
        grantee: { kind: 'public' },
      },
    ]);
  });

  it('revokes everything PUBLIC has in a schema in one action', () => {
    const onQueue = vi.fn<(c: RoleChangeInput[]) => void>();
    render(<GrantsMatrix catalog={catalog()} config={config} onQueue={onQueue} busy={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Revoke everything PUBLIC has in api' }));
    expect(onQueue.mock.calls[0]![0]).toEqual([{ type: 'revoke-public-in-schema', schema: 'api' }]);
  });

  it('a row head selects the row, a column head the column; a letter grants and revokes one privilege', () => {
    const onQueue = vi.fn<(c: RoleChangeInput[]) => void>();
    render(<GrantsMatrix catalog={catalog()} config={config} onQueue={onQueue} busy={false} />);
    const columns = document.querySelectorAll('.matrix-colhead').length;
    fireEvent.click(screen.getByTitle('table api.notes'));
    expect(screen.getByTestId('matrix-actions').textContent).toContain(`${columns} cells`);
    fireEvent.click(screen.getByRole('button', { name: /^app_user/ }));
    const rows = document.querySelectorAll('[data-row]').length;
    expect(screen.getByTestId('matrix-actions').textContent).toContain(`${rows} cells`);
    expect(screen.getByTestId('cell:api.notes:app_user').className).toContain('selected');
    expect(screen.getByTestId('cell:api.notes:anon').className).not.toContain('selected');
    fireEvent.click(
      within(screen.getByTestId('cell:api.members:app_user')).getByRole('button', {
        name: 'SELECT on api.members for app_user: granted directly',
      }),
    );
    fireEvent.click(
      within(screen.getByTestId('cell:api.notes:anon')).getByRole('button', {
        name: 'INSERT on api.notes for anon: not held',
      }),
    );
    expect(onQueue.mock.calls.map((c) => c[0][0]!.type)).toEqual(['revoke', 'grant']);
    expect(onQueue.mock.calls[1]![0][0]).toMatchObject({
      object: { kind: 'relation', schema: 'api', name: 'notes' },
      privileges: ['INSERT'],
      grantee: { kind: 'role', name: 'anon' },
    });
  });
});

describe('the heads of the rows, in one column of their own', () => {
  it("Tab goes from a head to its row's letters and on to the next head; back with shift", () => {
    render(<GrantsMatrix catalog={catalog()} config={config} onQueue={() => undefined} busy={false} />);
    const head = screen.getByTitle('table api.members');
    const letters = [...document.querySelectorAll<HTMLElement>('[data-row="r.api.members"] [tabindex="0"]')];
    expect(letters.length).toBeGreaterThan(3);
    head.focus();
    fireEvent.keyDown(head, { key: 'Tab' });
    expect(document.activeElement).toBe(letters[0]);
    letters.at(-1)!.focus();
    fireEvent.keyDown(letters.at(-1)!, { key: 'Tab' });
    const next = document.activeElement as HTMLElement;
    expect(next.className).toContain('matrix-rowhead');
    expect(Number(next.dataset.i)).toBe(Number(head.dataset.i) + 1);
    fireEvent.keyDown(next, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(letters.at(-1));
  });

  it('pointing at a row lights up its head, and pointing at a head its row', () => {
    render(<GrantsMatrix catalog={catalog()} config={config} onQueue={() => undefined} busy={false} />);
    const head = screen.getByTitle('table api.members');
    const row = document.querySelector<HTMLElement>('[data-row="r.api.members"]')!;
    const other = screen.getByTitle('table api.notes');
    fireEvent.mouseOver(screen.getByTestId('cell:api.members:anon'));
    expect(head.classList.contains('hovered')).toBe(true);
    fireEvent.mouseOver(other);
    expect(head.classList.contains('hovered')).toBe(false);
    expect(row.classList.contains('hovered')).toBe(false);
    expect(document.querySelector('[data-row="r.api.notes"]')!.classList.contains('hovered')).toBe(true);
    fireEvent.mouseLeave(screen.getByTestId('grants-matrix').querySelector('.matrix-body')!);
    expect(document.querySelectorAll('.hovered').length).toBe(0);
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
