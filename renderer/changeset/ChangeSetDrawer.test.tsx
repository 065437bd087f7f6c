import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeOrigin, PendingStatement } from '../../shared/contract/changeset.js';
import { fakeClient, Providers } from '../act-as/test-utils.js';
import type { ApplyResultView, HistoryEntryView } from './api.js';
import { ChangeSetDrawer } from './ChangeSetDrawer.js';

// Monaco does not run in jsdom: the pane shows the script and exposes the marker and the shaded span it got.
vi.mock('./ScriptView.js', () => ({
  default: (p: {
    value: string;
    marker: { offset: number; length: number; message: string } | null;
    highlight: { start: number; end: number } | null;
  }) => (
    <pre
      data-testid="script"
      data-marker={p.marker ? `${p.marker.offset}:${p.marker.length}` : ''}
      data-marker-message={p.marker?.message ?? ''}
      data-highlight={p.highlight ? `${p.highlight.start}:${p.highlight.end}` : ''}
    >
      {p.value}
    </pre>
  ),
}));

afterEach(cleanup);

const origin = (panel: string, object: string, action: string): ChangeOrigin => ({ panel, object, action });

/** A host that keeps a set and answers the change set calls as core does (the preview layout simplified). */
function fakeHost(
  initial: Omit<PendingStatement, 'addedAt'>[],
  applyAnswer: (input: unknown) => ApplyResultView,
) {
  let statements: PendingStatement[] = initial.map((s) => ({ ...s, addedAt: '2026-01-01T00:00:00Z' }));
  const history: HistoryEntryView[] = [];
  const preview = () => {
    let script = '';
    const ranges = statements.map((s, i) => {
      script += `-- [${i + 1}]\n`;
      const start = script.length;
      script += `${s.sql};\n`;
      return { id: s.id, start, end: start + s.sql.length, line: 2 * i + 2 };
    });
    return { connectionId: 'c1', statements, script, ranges };
  };
  const client = fakeClient((name, input) => {
    const i = input as { id?: string; ids?: string[] };
    switch (name) {
      case 'changeset.list':
        return { connectionId: 'c1', statements };
      case 'changeset.preview':
        return preview();
      case 'changeset.remove':
        statements = statements.filter((s) => s.id !== i.id);
        return { connectionId: 'c1', statements };
      case 'changeset.add': {
        const added = (input as { statements: { sql: string; origin: ChangeOrigin }[] }).statements;
        statements = [
          ...statements,
          ...added.map((a, k) => ({
            id: `added-${statements.length + k}`,
            sql: a.sql,
            origin: a.origin,
            addedAt: '2026-01-01T00:00:00Z',
            phase: 'transaction' as const,
            reason: null,
          })),
        ];
        return { connectionId: 'c1', statements };
      }
      case 'changeset.discard':
        statements = [];
        return { connectionId: 'c1', statements };
      case 'changeset.apply': {
        const r = applyAnswer(input);
        if (r.outcome === 'applied') {
          history.unshift({
            id: r.historyId!,
            at: '2026-01-02T10:00:00Z',
            server: { host: 'db.local', port: 5432, version: '18.4' },
            database: 'shop',
            user: 'developer',
            source: 'studio',
            outcome: 'applied',
            summary: r.summary,
            lockTimeoutMs: 5000,
            statementTimeoutMs: 60000,
            ms: 4,
            statements: statements.map((s) => ({
              sql: s.sql,
              origin: s.origin,
              phase: s.phase,
              status: 'applied',
            })),
            failure: null,
          });
          statements = [];
        }
        return r;
      }
      case 'changeset.history.list':
        return { entries: history };
      case 'changeset.history.export':
        return { filename: '20260102-100000_shop_gatehouse.sql', sql: `-- Migration\n${i.ids!.join(',')}\n` };
      default:
        throw new Error(`unexpected call ${name}`);
    }
  });
  return client;
}

const grant = {
  id: 's1',
  sql: 'GRANT SELECT ON api.orders TO app_user',
  origin: origin('roles', 'api.orders', 'grant SELECT'),
  phase: 'transaction' as const,
  reason: null,
};
const policy = {
  id: 's2',
  sql: 'CREATE POLICY own ON api.orders USING (user_id = nope)',
  origin: origin('rls', 'api.orders', 'create policy'),
  phase: 'transaction' as const,
  reason: null,
};
const index = {
  id: 's3',
  sql: 'CREATE INDEX CONCURRENTLY orders_user ON api.orders (user_id)',
  origin: origin('explorer', 'api.orders', 'add index'),
  phase: 'after' as const,
  reason: 'CREATE INDEX CONCURRENTLY cannot run inside a transaction block',
};

const applied = (n: number): ApplyResultView => ({
  outcome: 'applied',
  summary: `Applied ${n} statements in one transaction.`,
  statements: [],
  failure: null,
  ms: 3,
  historyId: 'h1',
});

function renderDrawer(client: ReturnType<typeof fakeClient>) {
  const onClose = vi.fn();
  render(
    <Providers client={client}>
      <ChangeSetDrawer connectionId="c1" onClose={onClose} />
    </Providers>,
  );
  return onClose;
}

describe('change set drawer', () => {
  it('lists the statements with their origin and the full SQL, and removes one', async () => {
    const client = fakeHost([grant, policy], () => applied(2));
    renderDrawer(client);
    const list = await screen.findByRole('list', { name: 'Pending statements' });
    const first = within(list).getByLabelText('Statement 1');
    expect(first.textContent).toContain('roles');
    expect(first.textContent).toContain('api.orders');
    expect(first.textContent).toContain('grant SELECT');
    expect((await screen.findByTestId('script')).textContent).toContain(
      'GRANT SELECT ON api.orders TO app_user;',
    );
    expect(screen.getByRole('dialog', { name: 'Change set' }).textContent).toContain('2 pending');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Remove statement 1' })));
    await waitFor(() => expect(within(list).queryAllByRole('listitem')).toHaveLength(1));
    expect(client.calls).toContainEqual(['changeset.remove', { connectionId: 'c1', id: 's1' }]);
    expect(screen.getByTestId('script').textContent).not.toContain('GRANT');
    expect(screen.getByRole('button', { name: 'Apply 1 statement' })).toBeTruthy();
  });

  it('shows a failure against its statement, with PostgreSQL’s error at its position in the SQL', async () => {
    const position = policy.sql.indexOf('nope') + 1;
    const client = fakeHost([grant, policy], () => ({
      outcome: 'failed',
      summary: 'Statement 2 failed: column "nope" does not exist. Rolled back, nothing was applied.',
      statements: [],
      failure: {
        index: 1,
        id: 's2',
        origin: policy.origin,
        error: {
          sqlstate: '42703',
          message: 'column "nope" does not exist',
          detail: null,
          hint: 'Perhaps you meant to reference the column "orders.note".',
          position,
          line: 1,
          column: position,
          where: null,
          internalQuery: null,
          connectionLost: false,
        },
      },
      ms: 2,
      historyId: 'h0',
    }));
    renderDrawer(client);
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Apply 2 statements' })));
    const result = await screen.findByRole('alert', { name: 'Apply result' });
    expect(result.textContent).toContain('Statement 2 failed — nothing was applied');
    expect(result.textContent).toContain('42703');
    expect(result.textContent).toContain('create policy');
    expect(result.textContent).toContain('at line 1, column');
    expect(result.textContent).toContain('hint: Perhaps you meant');
    // The apply carried what the user reviewed and the timeouts.
    expect(client.calls.find((c) => c[0] === 'changeset.apply')?.[1]).toEqual({
      connectionId: 'c1',
      confirmNonTransactional: false,
      expectIds: ['s1', 's2'],
      lockTimeoutMs: 5000,
      statementTimeoutMs: 60000,
    });
    const failed = screen.getByLabelText('Statement 2');
    expect(failed.getAttribute('aria-current')).toBe('true');
    expect(failed.textContent).toContain('failed');
    const script = screen.getByTestId('script');
    const text = script.textContent!;
    const [offset, length] = script.getAttribute('data-marker')!.split(':').map(Number);
    expect(text.slice(offset, offset! + length!)).toBe('nope');
    expect(script.getAttribute('data-marker-message')).toContain('42703: column "nope" does not exist');
    const [start, end] = script.getAttribute('data-highlight')!.split(':').map(Number);
    expect(text.slice(start, end)).toBe(policy.sql);
  });

  it('asks before running statements that cannot run in a transaction, then applies and shows the history', async () => {
    const client = fakeHost([grant, index], () => applied(2));
    renderDrawer(client);
    expect((await screen.findByLabelText('Statement 2')).textContent).toContain('after COMMIT');
    fireEvent.change(screen.getByLabelText('Lock timeout (ms)'), { target: { value: '1500' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply 2 statements' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Confirm statements outside the transaction' });
    expect(confirm.textContent).toContain('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
    expect(client.calls.some((c) => c[0] === 'changeset.apply')).toBe(false);
    await act(async () =>
      fireEvent.click(within(confirm).getByRole('button', { name: 'Apply and run them after COMMIT' })),
    );
    expect(client.calls.find((c) => c[0] === 'changeset.apply')?.[1]).toMatchObject({
      confirmNonTransactional: true,
      lockTimeoutMs: 1500,
    });
    const result = await screen.findByRole('status', { name: 'Apply result' });
    expect(result.textContent).toContain('Applied 2 statements');

    const createObjectURL = vi.fn(() => 'blob:x');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /See it in the history/ })));
    const entries = await screen.findByRole('list', { name: 'Applied change sets' });
    const entry = within(entries).getAllByRole('listitem')[0]!;
    expect(entry.textContent).toContain('applied');
    expect(entry.textContent).toContain('developer@db.local:5432/shop');
    expect(entry.textContent).toContain('CREATE INDEX CONCURRENTLY orders_user');
    await act(async () => fireEvent.click(within(entry).getByRole('button', { name: 'Export' })));
    expect(client.calls).toContainEqual(['changeset.history.export', { connectionId: 'c1', ids: ['h1'] }]);
    expect(click).toHaveBeenCalled();
    expect(createObjectURL).toHaveBeenCalled();
    click.mockRestore();
  });

  it('discards everything after a second confirmation', async () => {
    const client = fakeHost([grant, policy], () => applied(2));
    renderDrawer(client);
    fireEvent.click(await screen.findByRole('button', { name: 'Discard' }));
    expect(client.calls.some((c) => c[0] === 'changeset.discard')).toBe(false);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Discard all' })));
    expect(client.calls.some((c) => c[0] === 'changeset.discard')).toBe(true);
    await screen.findByText('No pending changes');
  });

  it('queues hand-written SQL from the drawer itself', async () => {
    const client = fakeHost([], () => applied(1));
    renderDrawer(client);
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: '+ Add SQL' })));
    fireEvent.change(screen.getByLabelText('SQL to add'), {
      target: { value: 'ALTER TABLE t ADD COLUMN c int' },
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add to change set' })));
    expect(client.calls).toContainEqual([
      'changeset.add',
      {
        connectionId: 'c1',
        statements: [
          {
            sql: 'ALTER TABLE t ADD COLUMN c int',
            origin: { panel: 'changeset', object: '', action: 'hand-written SQL' },
          },
        ],
      },
    ]);
    const list = await screen.findByRole('list', { name: 'Pending statements' });
    expect(within(list).getByLabelText('Statement 1').textContent).toContain('hand-written SQL');
  });
});
