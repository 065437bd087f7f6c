import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, Providers } from '../act-as/test-utils.js';
import type { Shape } from './api.js';
import { DataView } from './DataView.js';
import { withViewport } from '../test-viewport.js';

afterEach(cleanup);

withViewport(900, 520);

const shape: Shape = {
  kind: 'table',
  columns: [
    { name: 'id', type: 'integer', notNull: true, hasDefault: false, generated: false },
    { name: 'name', type: 'text', notNull: false, hasDefault: false, generated: false },
  ],
  primaryKey: ['id'],
  readOnly: null,
};

/** A 100,000-row table served page by page, like the host does. */
function tableClient(total = 100_000, shapeOverride: Partial<Shape> = {}) {
  return fakeClient((name, input) => {
    const i = input as { offset?: number; limit?: number; after?: string[]; changes?: unknown[] };
    switch (name) {
      case 'workbench.data.shape':
        return { ...shape, ...shapeOverride };
      case 'workbench.data.count':
        return { count: total, capped: false, ms: 1 };
      case 'workbench.data.page': {
        const from = i.after ? Number(i.after[0]) : (i.offset ?? 0);
        const rows = Array.from({ length: Math.min(i.limit ?? 200, total - from) }, (_, k) => [
          String(from + k + 1),
          `row ${from + k + 1}`,
        ]);
        return { columns: [], rows, sql: { sql: '', params: [] }, ms: 2 };
      }
      case 'workbench.data.preview':
        return {
          statements: [
            { sql: 'UPDATE "public"."t" SET "name" = $1 WHERE "id" = $2', params: ['edited', '1'] },
          ],
        };
      case 'workbench.data.apply':
        return { statements: [{ sql: 'x', params: [] }], rowCounts: [1], ms: 3 };
      case 'actAsConsole.personas.list':
        return { personas: [] };
      default:
        throw new Error(`unexpected ${name}`);
    }
  });
}

describe('DataView', () => {
  it('fetches only the first page of a 100k-row table, then edits a cell into a pending change and applies it', async () => {
    const client = tableClient();
    render(
      <Providers client={client}>
        <DataView connectionId="c" relation={{ schema: 'public', name: 't' }} catalog={null} />
      </Providers>,
    );
    await screen.findByText('row 1');
    expect(screen.getByTestId('row-count').textContent).toMatch(/^100,000 rows/);
    const pages = client.calls.filter(([n]) => n === 'workbench.data.page');
    expect(pages).toHaveLength(1);
    expect(pages[0]![1]).toMatchObject({ offset: 0, limit: 200 });
    // far fewer rows in the DOM than in the table
    const domRows = screen.getAllByRole('row').length;
    expect(domRows).toBeGreaterThan(15);
    expect(domRows).toBeLessThan(80);

    fireEvent.doubleClick(screen.getByText('row 1'));
    const input = screen.getByLabelText('Cell value');
    fireEvent.change(input, { target: { value: 'edited' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByLabelText('Pending SQL')).toHaveProperty(
      'textContent',
      `UPDATE "public"."t" SET "name" = $1 WHERE "id" = $2;  -- $1 = 'edited', $2 = '1'`,
    );
    const preview = client.calls.find(([n]) => n === 'workbench.data.preview')!;
    expect(preview[1]).toMatchObject({
      changes: [{ kind: 'update', key: { id: '1' }, set: { name: 'edited' } }],
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Apply' })));
    expect(client.calls.find(([n]) => n === 'workbench.data.apply')![1]).toMatchObject({
      changes: [{ kind: 'update', key: { id: '1' }, set: { name: 'edited' } }],
    });
    await screen.findByText(/Applied 1 change in one transaction/);
  });

  it('copies the selected rows as tab-separated text, header first (row numbers pick, Ctrl adds)', async () => {
    const written: string[] = [];
    const clipboard = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (t: string) => (written.push(t), Promise.resolve()) },
    });
    try {
      render(
        <Providers client={tableClient(3)}>
          <DataView connectionId="c" relation={{ schema: 'public', name: 't' }} catalog={null} />
        </Providers>,
      );
      await screen.findByText('row 1');
      const rowNumber = (n: number) =>
        screen.getAllByRole('row').find((r) => r.getAttribute('aria-rowindex') === String(n + 1))!
          .firstElementChild!;
      fireEvent.click(rowNumber(3));
      fireEvent.click(rowNumber(1), { ctrlKey: true });
      fireEvent.click(screen.getByRole('button', { name: 'Copy 2' }));
      expect(written).toEqual(['id\tname\n1\trow 1\n3\trow 3']);
      await screen.findByText('Copied 2 rows (tab-separated).');
    } finally {
      if (clipboard) Object.defineProperty(navigator, 'clipboard', clipboard);
      else Reflect.deleteProperty(navigator, 'clipboard');
    }
  });

  it('sends filters and sort to the host (never building SQL here)', async () => {
    const client = tableClient(50);
    render(
      <Providers client={client}>
        <DataView connectionId="c" relation={{ schema: 'public', name: 't' }} catalog={null} />
      </Providers>,
    );
    await screen.findByText('row 1');
    fireEvent.click(screen.getByRole('button', { name: 'Sort by name' }));
    fireEvent.click(screen.getByRole('button', { name: '+ Filter' }));
    fireEvent.change(screen.getByLabelText('Filter column'), { target: { value: 'name' } });
    fireEvent.change(screen.getByLabelText('Filter operator'), { target: { value: 'contains' } });
    fireEvent.change(screen.getByLabelText('Filter value'), { target: { value: "'; drop table t; --" } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() =>
      expect(client.calls.filter(([n]) => n === 'workbench.data.page').at(-1)![1]).toMatchObject({
        sort: [{ column: 'name', direction: 'asc' }],
        filters: [{ column: 'name', op: 'contains', value: "'; drop table t; --" }],
      }),
    );
  });

  it('says why a relation is read-only and offers no editing', async () => {
    const client = tableClient(3, {
      primaryKey: [],
      readOnly: 'This table has no primary key, so a row cannot be pointed at safely.',
    });
    render(
      <Providers client={client}>
        <DataView connectionId="c" relation={{ schema: 'public', name: 't' }} catalog={null} />
      </Providers>,
    );
    await screen.findByText('row 1');
    expect(screen.getByText(/Read-only: This table has no primary key/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '+ Row' })).toBeNull();
    fireEvent.doubleClick(screen.getByText('row 1'));
    expect(screen.queryByLabelText('Cell value')).toBeNull();
  });
});
