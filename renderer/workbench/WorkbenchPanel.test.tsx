import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, Providers } from '../act-as/test-utils.js';
import { fixtureCatalog } from '../catalog/test-fixture.js';
import type { SqlEditorProps } from './SqlEditor.js';
import WorkbenchPanel from './WorkbenchPanel.js';

// Monaco needs a real browser: a textarea stands in, with the same props and run shortcuts.
vi.mock('./SqlEditor.js', () => ({
  default: (props: SqlEditorProps) => {
    props.onReady?.({
      request: (script) =>
        script
          ? { text: props.value, mode: 'script', cursor: 0 }
          : { text: props.value, mode: 'cursor', cursor: 3 },
      focus: () => undefined,
    });
    return (
      <textarea
        aria-label={props.ariaLabel}
        defaultValue={props.value}
        data-markers={JSON.stringify(props.markers)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    );
  },
}));

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

const statement = (extra: Record<string, unknown> = {}) => ({
  offset: 0,
  length: 20,
  sql: 'update t set a = 1',
  command: 'UPDATE',
  rowCount: 3,
  columns: [],
  rows: [],
  truncated: false,
  ms: 2,
  notices: [],
  error: null,
  plan: null,
  ...extra,
});
const tx = (state: string, changes: string[], message: string) => ({
  state,
  changes,
  schemaChanged: false,
  message,
});

function panelClient(
  run: (input: Record<string, unknown>) => unknown,
  answers: Record<string, () => unknown> = {},
) {
  return fakeClient((name, input) => {
    const answer = answers[name];
    if (answer) return answer();
    switch (name) {
      case 'catalog.read':
        return { catalog: fixtureCatalog(), ms: 1 };
      case 'workbench.run':
        return run(input as Record<string, unknown>);
      case 'workbench.commit':
        return { transaction: tx('committed', ['UPDATE 3'], 'Committed: UPDATE 3.') };
      case 'workbench.status':
        return { running: false, transaction: null };
      case 'workbench.history.list':
        return { entries: [] };
      case 'workbench.snippets.list':
        return { folder: '/data/snippets', snippets: [] };
      default:
        throw new Error(`unexpected ${name}`);
    }
  });
}

describe('WorkbenchPanel', () => {
  it('runs the statement under the cursor in the tab’s session, then waits for Commit', async () => {
    const client = panelClient(() => ({
      statements: [statement()],
      transaction: tx('open', ['UPDATE 3'], 'Transaction open: UPDATE 3. Nothing is saved until you Commit.'),
      ms: 3,
    }));
    render(
      <Providers client={client}>
        <WorkbenchPanel connectionId="c1" openObject={() => undefined} />
      </Providers>,
    );
    await screen.findByLabelText('SQL editor'); // the (lazy) editor is there to ask for the cursor
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Run' })));
    const run = client.calls.find(([n]) => n === 'workbench.run')![1] as Record<string, unknown>;
    expect(run).toMatchObject({ connectionId: 'c1', mode: 'cursor', cursor: 3, explain: null });
    const banner = await screen.findByRole('alert', { name: 'Transaction' });
    expect(banner.textContent).toMatch(/Transaction open: UPDATE 3/);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Commit' })));
    expect(client.calls.find(([n]) => n === 'workbench.commit')![1]).toEqual({
      connectionId: 'c1',
      sessionId: run.sessionId,
    });
    await screen.findByText('Committed: UPDATE 3.');
  });

  it('DDL committed here refreshes the model (the catalog is read again); a rolled-back one does not', async () => {
    const ddl = { ...tx('open', ['CREATE TABLE'], 'Transaction open: CREATE TABLE.'), schemaChanged: true };
    const client = panelClient(
      () => ({
        statements: [statement({ sql: 'create table t (a int)', command: 'CREATE', rowCount: null })],
        transaction: ddl,
        ms: 3,
      }),
      {
        'workbench.commit': () => ({
          transaction: { ...ddl, state: 'committed', message: 'Committed: CREATE TABLE.' },
        }),
        'workbench.rollback': () => ({
          transaction: { ...ddl, state: 'rolled_back', message: 'Rolled back.' },
        }),
      },
    );
    render(
      <Providers client={client}>
        <WorkbenchPanel connectionId="c1" openObject={() => undefined} />
      </Providers>,
    );
    const reads = () => client.calls.filter(([n]) => n === 'catalog.read').length;
    await screen.findByLabelText('SQL editor');
    await waitFor(() => expect(reads()).toBeGreaterThan(0));
    const before = reads();
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Run' })));
    await screen.findByRole('alert', { name: 'Transaction' });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Rollback' })));
    await screen.findByText('Rolled back.');
    expect(reads()).toBe(before);
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Run' })));
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Commit' })));
    await screen.findByText('Committed: CREATE TABLE.');
    await waitFor(() => expect(reads()).toBeGreaterThan(before));
  });

  it('marks errors at PostgreSQL’s position and keeps tabs per connection', async () => {
    const client = panelClient(() => ({
      statements: [
        statement({
          command: null,
          rowCount: null,
          error: {
            message: 'syntax error at or near "selec"',
            code: '42601',
            detail: null,
            hint: null,
            offset: 5,
          },
        }),
      ],
      transaction: tx('rolled_back', [], 'Rolled back.'),
      ms: 1,
    }));
    render(
      <Providers client={client}>
        <WorkbenchPanel connectionId="c2" openObject={() => undefined} />
      </Providers>,
    );
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Run script' })));
    await screen.findByText(/syntax error at or near/);
    expect(JSON.parse(screen.getByLabelText('SQL editor').getAttribute('data-markers')!)).toEqual([
      { offset: 5, length: 0, message: 'syntax error at or near "selec"' },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'New tab' }));
    await waitFor(() =>
      expect(JSON.parse(localStorage.getItem('gatehouse.workbench.tabs.c2')!).tabs).toHaveLength(2),
    );
  });

  it('hands the SQL to the act-as console (“Run as persona…”)', async () => {
    const client = panelClient(() => ({ statements: [], transaction: tx('committed', [], ''), ms: 0 }));
    render(
      <Providers client={client}>
        <WorkbenchPanel connectionId="c3" openObject={() => undefined} />
      </Providers>,
    );
    fireEvent.change(await screen.findByLabelText('SQL editor'), {
      target: { value: 'select * from api.todos' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Run as persona…' }));
    expect(sessionStorage.getItem('gatehouse.actAs.sqlHandoff')).toBe('select * from api.todos');
    expect(location.hash).toContain('p=act-as');
  });
});
